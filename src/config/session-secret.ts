import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, appConfig, isInMemory } from './app.config';

/** The key that signs session cookies, as an injection token. */
export const SESSION_SECRET = Symbol('SESSION_SECRET');

/**
 * SESSION_SECRET when it is set (required in production). Outside production it may be left out:
 * one is generated on the first start and kept in DATA_DIR, so sessions survive restarts. This is
 * a start-up step of its own, so reading the configuration never writes a file.
 */
export function sessionSecretFor(config: Pick<AppConfig, 'sessionSecret' | 'dataDir'>): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (isInMemory(config.dataDir)) return randomBytes(32).toString('hex');
  const file = join(config.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const sessionSecretProvider = {
  provide: SESSION_SECRET,
  inject: [appConfig.KEY],
  useFactory: sessionSecretFor,
};
