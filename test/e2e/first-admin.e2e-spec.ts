import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agent } from '../support/http';
import { logIn } from '../support/accounts';
import { LogCapture } from '../support/log-capture';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, SERVER_URL } from '../support/test-database';
import { FirstAdminService } from '../../src/users/first-admin.service';

async function adminCount(t: TestApp): Promise<{ users: number; grants: number }> {
  const [row] = await t.em().getConnection().execute(
    `select (select count(*)::int from users) as users,
            (select count(*)::int from user_roles ur join roles r on r.id = ur.role_id where r.name = 'admin' and ur.is_active) as grants`,
  );
  return { users: Number(row.users), grants: Number(row.grants) };
}

describe('the first admin', () => {
  it('is created with a generated password, printed once at the end of start-up, that logs in', async () => {
    const logs = new LogCapture('info');
    const t = await createTestApp({
      env: { ADMIN_PASSWORD: undefined, ADMIN_USERNAME: 'boss', ADMIN_EMAIL: 'boss@example.com' },
      logs,
    });
    try {
      const lines = logs.lines().filter((line) => String(line.msg).includes('first admin'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'warn', adminUsername: 'boss', loginUrl: expect.stringMatching(/\/login$/) });
      const password = /with the password (\S+) \(shown once/.exec(String(lines[0].msg))?.[1];
      expect(password).toMatch(/^[\w-]{16}$/);
      // The last lines of start-up: the block, then where the shop is open.
      const messages = logs.lines().map((line) => String(line.msg));
      expect(messages.indexOf(String(lines[0].msg))).toBe(messages.length - 2);
      expect(messages[messages.length - 1]).toMatch(/^The shop is open on http/);
      const res = await logIn(agent(t.server), 'boss@example.com', password!);
      expect(res.status).toBe(303);
    } finally {
      await t.close();
    }
  });

  it('is created once, however many processes start at the same moment', async () => {
    const t = await createTestApp();
    try {
      // Take the shop back to "no admin", then let three start-ups race.
      await t.em().getConnection().execute(`delete from users`);
      expect(await adminCount(t)).toEqual({ users: 0, grants: 0 });
      const service = t.app.get(FirstAdminService);
      await Promise.all([service.onApplicationBootstrap(), service.onApplicationBootstrap(), service.onApplicationBootstrap()]);
      expect(await adminCount(t)).toEqual({ users: 1, grants: 1 });
    } finally {
      await t.close();
    }
  });

  it('is not created again when the shop restarts', async () => {
    const dataDir = SERVER_URL ? undefined : mkdtempSync(join(tmpdir(), 'shop-admin-'));
    const database = SERVER_URL ? await createTestDatabase() : undefined;
    try {
      const first = await createTestApp({ embeddedDataDir: dataDir, database });
      expect(await adminCount(first)).toEqual({ users: 1, grants: 1 });
      await first.close({ keepDatabase: true });
      const second = await createTestApp({ embeddedDataDir: dataDir, database });
      expect(await adminCount(second)).toEqual({ users: 1, grants: 1 });
      await second.close();
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
