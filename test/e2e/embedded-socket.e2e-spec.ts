import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, embeddedOf } from '../support/test-app';

/** Runs on the embedded database whatever DATABASE_URL says: it is the embedded one under test. */
describe('the embedded database listens only for this OS user', () => {
  it('serves PGlite on a Unix socket in DATA_DIR/socket (0700), not on a TCP port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shop-sock-'));
    try {
      const t = await createTestApp({ embeddedDataDir: dataDir });
      try {
        const embedded = embeddedOf(t)!;
        expect(embedded.socketDir).toBe(join(dataDir, 'socket'));
        expect(statSync(embedded.socketDir!).mode & 0o777).toBe(0o700);
        const socket = join(embedded.socketDir!, '.s.PGSQL.5432');
        expect(statSync(socket).isSocket()).toBe(true);
        expect(statSync(socket).mode & 0o777).toBe(0o600);
        // The URL the ORM uses names the socket directory, no network host.
        expect(embedded.url).toBe(`postgres://postgres@${encodeURIComponent(embedded.socketDir!)}:5432/postgres`);
        expect(embedded.url).not.toMatch(/127\.0\.0\.1|localhost/);
        await request(t.server).get('/healthz').expect(200);
      } finally {
        await t.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('uses a private temporary directory for an in-memory database, and removes it at stop', async () => {
    const t = await createTestApp({ embeddedDataDir: 'memory://' });
    const dir = embeddedOf(t)!.socketDir!;
    expect(dir.startsWith(join(tmpdir(), 'shop-pg-'))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await request(t.server).get('/healthz').expect(200);
    await t.close();
    expect(existsSync(dir)).toBe(false);
  });
});
