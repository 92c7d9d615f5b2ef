import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startShop } from '../support/process';

/** The shop as `npm start` runs it: its own process, its own embedded database on disk. */
describe('the shop as a process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-process-'));
  const env = { DATA_DIR: dataDir, NODE_ENV: 'development', BCRYPT_COST: '4', SEED_DEMO: 'false' };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops cleanly on SIGTERM and finds its data again on the next start', async () => {
    const port = await freePort();
    const first = await startShop(env, port);
    expect(first.output()).toContain('Applied Migration');
    // Outside production the session secret is generated once and kept beside the data.
    const secret = readFileSync(join(dataDir, 'session-secret'), 'utf8');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startShop(env, port);
    // The migrations were kept on disk: nothing is applied twice; the secret is the same.
    expect(second.output()).not.toContain('Applied Migration');
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8')).toBe(secret);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses bad configuration with one sentence and no stack trace', async () => {
    const port = await freePort();
    await expect(startShop({ ...env, BCRYPT_COST: 'twelve' }, port)).rejects.toThrow(
      /Configuration error: BCRYPT_COST must be a whole number from 4 to 15, but it is "twelve"\.\n$/,
    );
  });
});
