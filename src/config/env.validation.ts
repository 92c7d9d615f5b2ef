import { PASSWORD_MAX_BYTES, PASSWORD_MIN, USERNAME_PATTERN } from '../users/dto/account-fields';
import {
  boolean,
  ConfigError,
  type Env,
  httpUrl,
  integer,
  oneOf,
  smtpUrl,
  text,
  timeZone,
  trustProxy,
} from './env-readers';

export { ConfigError } from './env-readers';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Below this cost a hash is cheap enough to guess offline at scale: refused in production. */
export const PRODUCTION_MIN_BCRYPT_COST = 10;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$|^[^\s@<>]+@localhost$/;

/** Every variable of the README's configuration table, read and checked. */
export interface ValidatedEnv {
  NODE_ENV: (typeof NODE_ENVS)[number];
  /** NODE_ENV was not set at all (the start-up log warns about it). */
  NODE_ENV_UNSET: boolean;
  PORT: number;
  DATABASE_URL?: string;
  DATA_DIR: string;
  SESSION_SECRET?: string;
  BCRYPT_COST: number;
  ADMIN_USERNAME: string;
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD?: string;
  SEED_DEMO: boolean;
  LOGIN_FAILS_PER_ACCOUNT: number;
  LOGIN_FAILS_PER_IP: number;
  REGISTER_PER_IP: number;
  AVAILABILITY_PER_IP: number;
  RESET_PER_EMAIL: number;
  RESET_PER_IP: number;
  SESSION_IDLE_MINUTES: number;
  SESSION_MAX_HOURS: number;
  SHOP_TIMEZONE: string;
  PUBLIC_URL: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  TRUST_PROXY: boolean | number | string;
  LOG_LEVEL: (typeof LOG_LEVELS)[number];
  WEB_CONCURRENCY: number;
}

/** Pure: reads the environment, applies the documented defaults, throws a ConfigError on the first problem. */
export function validateEnv(env: Env): ValidatedEnv {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';
  const databaseUrl = text(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL of a PostgreSQL server.');
  }
  const sessionSecret = text(env, 'SESSION_SECRET');
  if (production && !sessionSecret) throw new ConfigError('SESSION_SECRET is required when NODE_ENV is production.');
  if (sessionSecret && sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters long.');
  const adminEmail = text(env, 'ADMIN_EMAIL') ?? 'admin@example.com';
  if (!EMAIL.test(adminEmail)) throw new ConfigError(`ADMIN_EMAIL must be an email address, but it is "${adminEmail}".`);
  const adminUsername = text(env, 'ADMIN_USERNAME') ?? 'admin';
  if (!USERNAME_PATTERN.test(adminUsername)) {
    throw new ConfigError('ADMIN_USERNAME must be 3 to 30 letters, digits, "_", "-" or ".".');
  }
  const adminPassword = text(env, 'ADMIN_PASSWORD');
  if (adminPassword && (adminPassword.length < PASSWORD_MIN || Buffer.byteLength(adminPassword) > PASSWORD_MAX_BYTES)) {
    throw new ConfigError(`ADMIN_PASSWORD must be ${PASSWORD_MIN} to ${PASSWORD_MAX_BYTES} bytes long.`);
  }
  const bcryptCost = integer(env, 'BCRYPT_COST', 12, 4, 15);
  if (production && bcryptCost < PRODUCTION_MIN_BCRYPT_COST) {
    throw new ConfigError(`BCRYPT_COST must be at least ${PRODUCTION_MIN_BCRYPT_COST} when NODE_ENV is production.`);
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const webConcurrency = integer(env, 'WEB_CONCURRENCY', 1, 1, 64);
  if (webConcurrency > 1 && !databaseUrl) {
    throw new ConfigError(
      'WEB_CONCURRENCY can be more than 1 only with DATABASE_URL: the embedded database lives inside one process, so several workers cannot share it.',
    );
  }
  const mailFrom = text(env, 'MAIL_FROM') ?? 'The Shop <shop@localhost>';
  const mailAddress = /<([^>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  if (!EMAIL.test(mailAddress.trim())) {
    throw new ConfigError(`MAIL_FROM must be an address such as "The Shop <shop@example.com>", but it is "${mailFrom}".`);
  }
  return {
    NODE_ENV: nodeEnv,
    NODE_ENV_UNSET: text(env, 'NODE_ENV') === undefined,
    PORT: port,
    DATABASE_URL: databaseUrl,
    DATA_DIR: text(env, 'DATA_DIR') ?? './data',
    SESSION_SECRET: sessionSecret,
    BCRYPT_COST: bcryptCost,
    ADMIN_USERNAME: adminUsername,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    SEED_DEMO: boolean(env, 'SEED_DEMO', !databaseUrl),
    LOGIN_FAILS_PER_ACCOUNT: integer(env, 'LOGIN_FAILS_PER_ACCOUNT', 5, 1, 1000),
    LOGIN_FAILS_PER_IP: integer(env, 'LOGIN_FAILS_PER_IP', 50, 1, 100000),
    REGISTER_PER_IP: integer(env, 'REGISTER_PER_IP', 10, 1, 100000),
    AVAILABILITY_PER_IP: integer(env, 'AVAILABILITY_PER_IP', 120, 1, 100000),
    RESET_PER_EMAIL: integer(env, 'RESET_PER_EMAIL', 3, 1, 1000),
    RESET_PER_IP: integer(env, 'RESET_PER_IP', 20, 1, 100000),
    SESSION_IDLE_MINUTES: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 7 * 24 * 60),
    SESSION_MAX_HOURS: integer(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 365),
    SHOP_TIMEZONE: timeZone(env, 'SHOP_TIMEZONE', 'UTC'),
    PUBLIC_URL: httpUrl(env, 'PUBLIC_URL', `http://localhost:${port}`),
    SMTP_URL: smtpUrl(env, 'SMTP_URL'),
    MAIL_FROM: mailFrom,
    TRUST_PROXY: trustProxy(env, 'TRUST_PROXY', 'loopback'),
    LOG_LEVEL: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    WEB_CONCURRENCY: webConcurrency,
  };
}
