import {
  IsEmail,
  IsNotEmpty,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { Trim } from '../../common/form-fields';

/**
 * The account rules, defined once here: registration and the profile use the field decorators
 * below, so every form states its rules in the same words; the configuration checks the first
 * admin (ADMIN_USERNAME, ADMIN_PASSWORD) against the same constants.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,30}$/;
export const PASSWORD_MIN = 8;
/** bcrypt ignores everything past 72 bytes, so longer passwords are refused rather than cut. */
export const PASSWORD_MAX_BYTES = 72;

export function UsernameField(): PropertyDecorator {
  return (target, key) => {
    Matches(USERNAME_PATTERN, {
      message: 'Username must be 3 to 30 characters: letters, digits, "_", "-" or ".".',
    })(target, key);
    IsNotEmpty({ message: 'Enter a username.' })(target, key);
    Trim()(target, key);
  };
}

export function EmailField(): PropertyDecorator {
  return (target, key) => {
    MaxLength(254, { message: 'Email must be at most 254 characters.' })(target, key);
    IsEmail({}, { message: 'Enter a valid email address, like name@example.com.' })(target, key);
    IsNotEmpty({ message: 'Enter your email address.' })(target, key);
    Trim()(target, key);
  };
}

export function NewPasswordField(): PropertyDecorator {
  return (target, key) => {
    MaxBytes(PASSWORD_MAX_BYTES, { message: `Password must be at most ${PASSWORD_MAX_BYTES} bytes long.` })(target, key);
    MinLength(PASSWORD_MIN, { message: `Password must be at least ${PASSWORD_MIN} characters.` })(target, key);
    IsNotEmpty({ message: 'Enter a password.' })(target, key);
  };
}

export function MaxBytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxBytes',
      validator: { validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value) <= max },
    },
    options,
  );
}

/** The field must equal another field of the same form (password confirmations). */
export function SameAs(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'matchesField',
      constraints: [property],
      validator: {
        validate: (value: unknown, args) => value === (args?.object as Record<string, unknown>)[property],
      },
    },
    options,
  );
}
