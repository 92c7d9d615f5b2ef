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
    // Tidy start-up: no line per route or module, no migrator chatter; the generated password
    // in a framed block after everything else, with where to sign in; then the address.
    const startup = first.output();
    expect(startup).not.toMatch(/Mapped \{|RouterExplorer|InstanceLoader|\[migrator\]/);
    const block = new RegExp(`={20,}\\n[^]*Sign in at {2}http://localhost:${port}/login\\n\\s+Username {4}admin\\n\\s+Password {4}[\\w-]{16}\\n[^]*={20,}\\n`);
    expect(startup).toMatch(block);
    expect(startup.indexOf('Applied Migration')).toBeLessThan(startup.indexOf('Sign in at'));
    expect(startup.indexOf('Sign in at')).toBeLessThan(startup.indexOf('The shop is open'));
    // Outside production the session secret is generated once and kept beside the data.
    const secret = readFileSync(join(dataDir, 'session-secret'), 'utf8');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Received SIGTERM: finishing the requests in flight, then stopping[^]*Stopped: database connections closed/);

    const second = await startShop(env, port);
    // The migrations were kept on disk: nothing is applied twice; the secret is the same.
    expect(second.output()).not.toContain('Applied Migration');
    expect(second.output()).not.toContain('Sign in at');
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8')).toBe(secret);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('logs one JSON object a line in production, with the request id of each answer', async () => {
    const prodDir = mkdtempSync(join(tmpdir(), 'shop-process-prod-'));
    const port = await freePort();
    try {
      const shop = await startShop(
        { ...env, DATA_DIR: prodDir, NODE_ENV: 'production', BCRYPT_COST: '10', SESSION_SECRET: 's'.repeat(40) },
        port,
      );
      const res = await fetch(`http://127.0.0.1:${port}/login?next=%2Fhidden`, { headers: { 'X-Request-Id': 'process-1' } });
      expect(res.headers.get('x-request-id')).toBe('process-1');
      shop.child.kill('SIGTERM');
      expect(await shop.exited).toBe(0);
      const lines = shop.output().split('\n').filter((line) => line.trim());
      const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const line of parsed) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
      expect(parsed.find((line) => line.adminUsername === 'admin')).toMatchObject({
        level: 'warn',
        loginUrl: `http://localhost:${port}/login`,
        msg: expect.stringMatching(/with the password [\w-]{16} \(shown once/),
      });
      expect(parsed.find((line) => line.requestId === 'process-1')).toMatchObject({
        context: 'Access',
        method: 'GET',
        url: '/login',
        status: 200,
      });
      expect(shop.output()).not.toContain('hidden');
      expect(parsed.some((line) => line.context === 'RouterExplorer' || line.context === 'InstanceLoader')).toBe(false);
      expect(parsed.map((line) => line.msg)).toContain('Stopped: database connections closed');
    } finally {
      rmSync(prodDir, { recursive: true, force: true });
    }
  });

  it('refuses bad configuration with one sentence and no stack trace', async () => {
    const port = await freePort();
    await expect(startShop({ ...env, BCRYPT_COST: 'twelve' }, port)).rejects.toThrow(
      /Configuration error: BCRYPT_COST must be a whole number from 4 to 15, but it is "twelve"\.\n$/,
    );
  });
});
