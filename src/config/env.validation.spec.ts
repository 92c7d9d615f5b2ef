import { ConfigError, validateEnv } from './env.validation';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: './data',
      BCRYPT_COST: 12,
      ADMIN_USERNAME: 'admin',
      ADMIN_EMAIL: 'admin@example.com',
      SEED_DEMO: true,
      LOGIN_FAILS_PER_ACCOUNT: 5,
      LOGIN_FAILS_PER_IP: 50,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('does not seed demo products on a server database unless asked', () => {
    expect(validateEnv({ DATABASE_URL: 'postgres://u@h/db' }).SEED_DEMO).toBe(false);
    expect(validateEnv({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number/],
    [{ BCRYPT_COST: '3' }, /^BCRYPT_COST must be/],
    [{ BCRYPT_COST: '12.5' }, /^BCRYPT_COST must be/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be/],
    [{ NODE_ENV: 'production' }, /^SESSION_SECRET is required/],
    [{ SESSION_SECRET: 'short' }, /^SESSION_SECRET must be at least 32/],
    [{ SEED_DEMO: 'maybe' }, /^SEED_DEMO must be true or false/],
    [{ ADMIN_EMAIL: 'nope' }, /^ADMIN_EMAIL must be an email/],
    [{ ADMIN_PASSWORD: 'short' }, /^ADMIN_PASSWORD must be/],
    [{ LOGIN_FAILS_PER_ACCOUNT: '0' }, /^LOGIN_FAILS_PER_ACCOUNT must be/],
  ])('refuses %o with one sentence naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(ConfigError);
    expect(() => validateEnv(env)).toThrow(message);
  });
});
