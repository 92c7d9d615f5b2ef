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
      REGISTER_PER_IP: 10,
      AVAILABILITY_PER_IP: 120,
      RESET_PER_EMAIL: 3,
      RESET_PER_IP: 20,
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
      SHOP_TIMEZONE: 'UTC',
      PUBLIC_URL: 'http://localhost:3000',
      TRUST_PROXY: 'loopback',
      LOG_LEVEL: 'info',
      NODE_ENV_UNSET: true,
      WEB_CONCURRENCY: 1,
    });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('does not seed demo products on a server database unless asked', () => {
    expect(validateEnv({ DATABASE_URL: 'postgres://u@h/db' }).SEED_DEMO).toBe(false);
    expect(validateEnv({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it('derives PUBLIC_URL from PORT and reads the other new settings', () => {
    expect(validateEnv({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(validateEnv({ PUBLIC_URL: 'https://shop.example.com/' }).PUBLIC_URL).toBe('https://shop.example.com');
    expect(validateEnv({ SHOP_TIMEZONE: 'Europe/Paris' }).SHOP_TIMEZONE).toBe('Europe/Paris');
    expect(validateEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(validateEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(validateEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(validateEnv({ SMTP_URL: 'smtp://u:p@mail.example.com:587' }).SMTP_URL).toBe('smtp://u:p@mail.example.com:587');
    expect(validateEnv({ NODE_ENV: 'test' }).NODE_ENV_UNSET).toBe(false);
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) };
    expect(validateEnv({ ...production, BCRYPT_COST: '10' }).BCRYPT_COST).toBe(10);
  });

  it('runs several workers only on a server database', () => {
    expect(validateEnv({ DATABASE_URL: 'postgres://u@h/db', WEB_CONCURRENCY: '4' }).WEB_CONCURRENCY).toBe(4);
    expect(() => validateEnv({ WEB_CONCURRENCY: '2' })).toThrow(
      'WEB_CONCURRENCY can be more than 1 only with DATABASE_URL: the embedded database lives inside one process, so several workers cannot share it.',
    );
    expect(validateEnv({ WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1);
  });

  it('never repeats an SMTP password in its message', () => {
    expect(() => validateEnv({ SMTP_URL: 'http://user:hunter2@host' })).toThrow(/^SMTP_URL must be/);
    expect(() => validateEnv({ SMTP_URL: 'http://user:hunter2@host' })).not.toThrow(/hunter2/);
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
    [{ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), BCRYPT_COST: '9' }, /^BCRYPT_COST must be at least 10/],
    [{ SHOP_TIMEZONE: 'Mars/Olympus' }, /^SHOP_TIMEZONE must be a time zone/],
    [{ PUBLIC_URL: 'ftp://x' }, /^PUBLIC_URL must be an http/],
    [{ PUBLIC_URL: 'not a url' }, /^PUBLIC_URL must be an http/],
    [{ TRUST_PROXY: 'everyone' }, /^TRUST_PROXY must be/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ MAIL_FROM: 'nobody' }, /^MAIL_FROM must be an address/],
    [{ SESSION_IDLE_MINUTES: '0' }, /^SESSION_IDLE_MINUTES must be/],
    [{ RESET_PER_EMAIL: 'lots' }, /^RESET_PER_EMAIL must be/],
    [{ DATABASE_URL: 'postgres://u@h/db', WEB_CONCURRENCY: '0' }, /^WEB_CONCURRENCY must be a whole number from 1 to 64/],
  ])('refuses %o with one sentence naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(ConfigError);
    expect(() => validateEnv(env)).toThrow(message);
  });
});
