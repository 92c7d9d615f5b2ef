import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsNotEmpty,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

/**
 * The account rules, written once and shared by registration and the profile: decorators for
 * each field, so every form states its rules in the same words.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,30}$/;
export const PASSWORD_MIN = 8;
/** bcrypt ignores everything past 72 bytes, so longer passwords are refused rather than cut. */
export const PASSWORD_MAX_BYTES = 72;

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export function UsernameField(): PropertyDecorator {
  return (target, key) => {
    Matches(USERNAME_PATTERN, {
      message: 'Username must be 3 to 30 characters: letters, digits, "_", "-" or ".".',
    })(target, key);
    IsNotEmpty({ message: 'Enter a username.' })(target, key);
    trim(target, key);
  };
}

export function EmailField(): PropertyDecorator {
  return (target, key) => {
    MaxLength(254, { message: 'Email must be at most 254 characters.' })(target, key);
    IsEmail({}, { message: 'Enter a valid email address, like name@example.com.' })(target, key);
    IsNotEmpty({ message: 'Enter your email address.' })(target, key);
    trim(target, key);
  };
}

export function NewPasswordField(): PropertyDecorator {
  return (target, key) => {
    MaxBytes(PASSWORD_MAX_BYTES, { message: 'Password must be at most 72 bytes long.' })(target, key);
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
