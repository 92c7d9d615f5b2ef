import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';

/** Field name → the one message shown beside that field. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { valid: true; value: T; values: Record<string, string> }
  | { valid: false; errors: FieldErrors; values: Record<string, string> };

/** Fields whose typed value is never sent back to the browser. */
const SECRET_FIELD = /password/i;

/**
 * Validates a posted form against a DTO class. Invalid input is an expected outcome, not an
 * exception: the caller re-renders the same form with `values` (secrets removed) and `errors`.
 */
export async function validateForm<T extends object>(
  dto: new () => T,
  body: unknown,
): Promise<FormResult<T>> {
  const raw = toStringFields(body);
  const instance = plainToInstance(dto, raw);
  const failures = await validate(instance, { forbidUnknownValues: true });
  const values = Object.fromEntries(Object.entries(raw).filter(([key]) => !SECRET_FIELD.test(key) && key !== '_csrf'));
  if (failures.length === 0) return { valid: true, value: instance, values };
  return { valid: false, errors: toFieldErrors(failures), values };
}

/** Form bodies hold strings; a repeated field (an array) or a nested object is treated as empty. */
function toStringFields(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    fields[key] = typeof value === 'string' ? value : '';
  }
  return fields;
}

function toFieldErrors(failures: ValidationError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const failure of failures) {
    const constraints = failure.constraints ?? {};
    // "Enter a username." says more than "Username must be 3 to 30 characters" for an empty field.
    const message = constraints.isNotEmpty ?? Object.values(constraints)[0];
    if (message) errors[failure.property] = message;
  }
  return errors;
}
