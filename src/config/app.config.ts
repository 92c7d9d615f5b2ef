import { registerAs } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateEnv } from './env.validation';

/** Where the embedded database lives; `memory://` keeps it in RAM (tests). */
export function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith('memory://');
}

/**
 * Outside production the session secret may be omitted: one is generated on first start and
 * kept in DATA_DIR so that sessions survive restarts.
 */
function developmentSessionSecret(dataDir: string): string {
  if (isInMemory(dataDir)) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const appConfig = registerAs('app', () => {
  const env = validateEnv(process.env);
  return {
    nodeEnv: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    dataDir: env.DATA_DIR,
    sessionSecret: env.SESSION_SECRET ?? developmentSessionSecret(env.DATA_DIR),
    bcryptCost: env.BCRYPT_COST,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = validateEnv(process.env);
  return { url: env.DATABASE_URL, dataDir: env.DATA_DIR, seedDemo: env.SEED_DEMO };
});

export const authConfig = registerAs('auth', () => {
  const env = validateEnv(process.env);
  return {
    adminUsername: env.ADMIN_USERNAME,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    loginFailsPerAccount: env.LOGIN_FAILS_PER_ACCOUNT,
    loginFailsPerIp: env.LOGIN_FAILS_PER_IP,
  };
});

export type AppConfig = ReturnType<typeof appConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type AuthConfig = ReturnType<typeof authConfig>;
