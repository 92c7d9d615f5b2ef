import { registerAs } from '@nestjs/config';
import { type ValidatedEnv, validateEnv } from './env.validation';

/** Where the embedded database lives; `memory://` keeps it in RAM (tests). */
export function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith('memory://');
}

let last: { key: string; env: ValidatedEnv } | undefined;

/**
 * The environment, validated once: main.ts calls this first (a bad value stops the boot with
 * one sentence) and every namespace below reads the same result. It is recomputed only when
 * the environment itself differs (tests start apps with different settings in one process).
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ValidatedEnv {
  const key = JSON.stringify(env);
  if (last?.key !== key) last = { key, env: validateEnv(env) };
  return last.env;
}

// The namespaces only reshape the validated environment: no validation, no side effects.

export const appConfig = registerAs('app', () => {
  const env = readEnv();
  return {
    nodeEnv: env.NODE_ENV,
    nodeEnvUnset: env.NODE_ENV_UNSET,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    dataDir: env.DATA_DIR,
    /** Unset outside production: SessionSecret then keeps a generated one in DATA_DIR. */
    sessionSecret: env.SESSION_SECRET,
    bcryptCost: env.BCRYPT_COST,
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    shopTimezone: env.SHOP_TIMEZONE,
    publicUrl: env.PUBLIC_URL,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = readEnv();
  const logQueries = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
  return { url: env.DATABASE_URL, dataDir: env.DATA_DIR, seedDemo: env.SEED_DEMO, logQueries };
});

export const authConfig = registerAs('auth', () => {
  const env = readEnv();
  return {
    adminUsername: env.ADMIN_USERNAME,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    loginFailsPerAccount: env.LOGIN_FAILS_PER_ACCOUNT,
    loginFailsPerIp: env.LOGIN_FAILS_PER_IP,
    registerPerIp: env.REGISTER_PER_IP,
    availabilityPerIp: env.AVAILABILITY_PER_IP,
    resetPerEmail: env.RESET_PER_EMAIL,
    resetPerIp: env.RESET_PER_IP,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
  };
});

export const mailConfig = registerAs('mail', () => {
  const env = readEnv();
  return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, publicUrl: env.PUBLIC_URL };
});

export type AppConfig = ReturnType<typeof appConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type AuthConfig = ReturnType<typeof authConfig>;
export type MailConfig = ReturnType<typeof mailConfig>;
