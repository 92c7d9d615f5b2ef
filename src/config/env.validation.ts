/**
 * Validates the process environment once at boot. Every problem is reported as one plain
 * sentence naming the variable, so a misconfigured deployment fails fast and readably.
 */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, but it is "${raw}".`);
  }
  return Number(raw);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, but it is "${raw}".`);
}

export interface ValidatedEnv {
  NODE_ENV: 'development' | 'production' | 'test';
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
}

export function validateEnv(env: Env): ValidatedEnv {
  const nodeEnv = env.NODE_ENV || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, but it is "${nodeEnv}".`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL of a PostgreSQL server.');
  }
  const sessionSecret = env.SESSION_SECRET || undefined;
  if (nodeEnv === 'production' && !sessionSecret) {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV is production.');
  }
  if (sessionSecret && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters long.');
  }
  const adminEmail = env.ADMIN_EMAIL || 'admin@example.com';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError(`ADMIN_EMAIL must be an email address, but it is "${adminEmail}".`);
  }
  const adminUsername = env.ADMIN_USERNAME || 'admin';
  if (!/^[A-Za-z0-9_.-]{3,30}$/.test(adminUsername)) {
    throw new ConfigError('ADMIN_USERNAME must be 3 to 30 letters, digits, "_", "-" or ".".');
  }
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword && (adminPassword.length < 8 || Buffer.byteLength(adminPassword) > 72)) {
    throw new ConfigError('ADMIN_PASSWORD must be 8 to 72 bytes long.');
  }
  return {
    NODE_ENV: nodeEnv as ValidatedEnv['NODE_ENV'],
    PORT: integer(env, 'PORT', 3000, 0, 65535),
    DATABASE_URL: databaseUrl,
    DATA_DIR: env.DATA_DIR || './data',
    SESSION_SECRET: sessionSecret,
    BCRYPT_COST: integer(env, 'BCRYPT_COST', 12, 4, 15),
    ADMIN_USERNAME: adminUsername,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    SEED_DEMO: boolean(env, 'SEED_DEMO', !databaseUrl),
    LOGIN_FAILS_PER_ACCOUNT: integer(env, 'LOGIN_FAILS_PER_ACCOUNT', 5, 1, 1000),
    LOGIN_FAILS_PER_IP: integer(env, 'LOGIN_FAILS_PER_IP', 50, 1, 100000),
  };
}
