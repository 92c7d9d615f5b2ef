import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConfig, readEnv } from './app.config';
import { sessionSecretFor } from './session-secret';

describe('configuration', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'shop-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('validates an environment once and gives every reader the same result', () => {
    const env = { PORT: '4000', DATA_DIR: dataDir };
    expect(readEnv(env)).toBe(readEnv({ ...env }));
    expect(readEnv({ ...env, PORT: '4001' }).PORT).toBe(4001);
  });

  it('reads the namespaces without side effects: no session secret file appears', () => {
    const saved = process.env;
    process.env = { DATA_DIR: dataDir };
    try {
      expect(appConfig().sessionSecret).toBeUndefined();
    } finally {
      process.env = saved;
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('keeps a generated session secret in DATA_DIR across starts, unless SESSION_SECRET is set', () => {
    const first = sessionSecretFor({ sessionSecret: undefined, dataDir });
    expect(first).toHaveLength(64);
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8')).toBe(first);
    expect(sessionSecretFor({ sessionSecret: undefined, dataDir })).toBe(first);
    expect(sessionSecretFor({ sessionSecret: 's'.repeat(32), dataDir })).toBe('s'.repeat(32));
  });
});
