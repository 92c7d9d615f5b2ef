import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describeError } from './error-details';

describe('describeError', () => {
  const pgError = Object.assign(new Error('insert into "users" ("email") values (\'eve@example.com\') - duplicate key value'), {
    code: '23505',
    severity: 'ERROR',
    constraint: 'users_email_unique',
    table: 'users',
    detail: 'Key (email)=(eve@example.com) already exists.',
  });

  it('keeps only the code, constraint, table and stack frames of a MikroORM driver error', () => {
    const { message, fields } = describeError(new UniqueConstraintViolationException(pgError));
    expect(message).toBe('Database error 23505 (table users, constraint users_email_unique)');
    expect(fields).toMatchObject({ errorType: 'UniqueConstraintViolationException', dbCode: '23505', dbTable: 'users' });
    expect(JSON.stringify({ message, fields })).not.toContain('eve@example.com');
    expect(String(fields.stack)).toMatch(/^\s+at /);
  });

  it('treats a raw pg error, or one wrapped as a cause, the same way', () => {
    expect(JSON.stringify(describeError(pgError))).not.toContain('eve@example.com');
    const wrapped = new Error('checkout failed', { cause: pgError });
    expect(describeError(wrapped).fields.dbCode).toBe('23505');
  });

  it('keeps the message and stack of any other error', () => {
    const { message, fields } = describeError(new TypeError('x is not a function'));
    expect(message).toBe('x is not a function');
    expect(fields.errorType).toBe('TypeError');
    expect(describeError('plain').message).toBe('plain');
  });
});
