import { DriverException } from '@mikro-orm/core';

/** What the log may say about a failure. */
export interface ErrorDetails {
  message: string;
  fields: Record<string, string | number | undefined>;
}

interface DatabaseErrorLike {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
}

/**
 * Describes an error for the log without leaking what a user typed. A database error's message
 * holds the SQL with its parameter values inlined (MikroORM and knex put them there) and its
 * `detail` the offending key ("Key (email)=(…)"): only the SQLSTATE code, the constraint, table
 * and column are kept, with the stack frames (file and line, no message). Other errors keep
 * their message and stack: they are our own code's words.
 */
export function describeError(error: unknown): ErrorDetails {
  const database = databaseErrorOf(error);
  if (database) {
    const fields = {
      errorType: error instanceof Error ? error.name : 'DatabaseError',
      dbCode: stringOrUndefined(database.code),
      dbConstraint: stringOrUndefined(database.constraint),
      dbTable: stringOrUndefined(database.table),
      dbColumn: stringOrUndefined(database.column),
      stack: error instanceof Error ? framesOf(error.stack) : undefined,
    };
    const where = [fields.dbTable && `table ${fields.dbTable}`, fields.dbConstraint && `constraint ${fields.dbConstraint}`]
      .filter(Boolean)
      .join(', ');
    return { message: `Database error ${fields.dbCode ?? 'without a code'}${where ? ` (${where})` : ''}`, fields };
  }
  if (error instanceof Error) return { message: error.message, fields: { errorType: error.name, stack: error.stack } };
  return { message: String(error), fields: {} };
}

/** A MikroORM DriverException, or a raw `pg` error (a five-character SQLSTATE and a severity). */
function databaseErrorOf(error: unknown): DatabaseErrorLike | undefined {
  if (error instanceof DriverException) return error as DatabaseErrorLike;
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as DatabaseErrorLike & { severity?: unknown; cause?: unknown };
  if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && 'severity' in candidate) return candidate;
  return candidate.cause ? databaseErrorOf(candidate.cause) : undefined;
}

/** Only the "    at …" lines: the first line of a stack repeats the message. */
function framesOf(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .join('\n');
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
