import request from 'supertest';
import { agent, HTMX_PARTIAL, submitForm } from '../support/http';
import { logIn, newAccount, register, sessionCookie, signedUp } from '../support/accounts';
import { ManualClock } from '../support/manual-clock';
import { createTestApp, type TestApp } from '../support/test-app';
import { SessionStore } from '../../src/database/session-store';

const MINUTE = 60 * 1000;

describe('session lifetime', () => {
  const clock = new ManualClock(new Date('2026-03-01T08:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '2' } });
  });
  afterAll(() => t?.close());

  /** Whole seconds from now until the session row's expiry (the store rounds the expiry up to a second). */
  async function rowLifetimeSeconds(cookie: string): Promise<number> {
    const sid = decodeURIComponent(cookie.split('=')[1]).replace(/^s:/, '').split('.')[0];
    const [row] = await t.em().getConnection().execute(
      `select floor(extract(epoch from ("expire" - localtimestamp)))::int as seconds from "session" where sid = ?`,
      [sid],
    );
    return Number(row.seconds);
  }

  it('ends a signed-in session after SESSION_IDLE_MINUTES without a request, landing on /login with a message', async () => {
    const client = agent(t.server);
    await signedUp(client);
    clock.advance(29 * MINUTE);
    await client.get('/account').expect(200); // activity keeps it alive
    clock.advance(29 * MINUTE);
    await client.get('/account').expect(200);
    clock.advance(31 * MINUTE);
    const res = await client.get('/cart').expect(303);
    expect(res.headers.location).toBe('/login?expired=1&next=%2Fcart');
    const page = await client.get(res.headers.location).expect(200);
    expect(page.text).toContain('Your session expired, please log in again.');
    expect(page.text).toContain('name="next" value="/cart"');
    await client.get('/account').expect(303); // it stays ended
  });

  it('ends a session SESSION_MAX_HOURS after log-in however busy it is, and tells htmx to redirect', async () => {
    const account = newAccount();
    await register(agent(t.server), account);
    const client = agent(t.server);
    expect((await logIn(client, account.username, account.password)).status).toBe(303);
    for (let i = 0; i < 4; i += 1) {
      clock.advance(25 * MINUTE);
      await client.get('/account').expect(200);
    }
    clock.advance(21 * MINUTE); // 2 h 1 min after log-in, 21 min after the last request
    const res = await client.get('/cart').set(HTMX_PARTIAL);
    expect(res.headers['hx-redirect']).toBe('/login?expired=1&next=%2Fcart');
    await client.get('/account').expect(303);
    // Logging in again starts a new lifetime.
    expect((await logIn(client, account.username, account.password)).status).toBe(303);
    await client.get('/account').expect(200);
  });

  it('keeps the log-in time across a password change (the lifetime is not renewed by it)', async () => {
    const account = newAccount();
    const client = agent(t.server);
    await register(client, account);
    clock.advance(25 * MINUTE);
    const changed = await submitForm(client, '/profile', '/profile/password', {
      currentPassword: account.password,
      newPassword: 'brand new password',
      confirmNewPassword: 'brand new password',
    });
    expect(changed.status).toBe(303);
    for (let i = 0; i < 3; i += 1) {
      clock.advance(25 * MINUTE);
      await client.get('/account').expect(200);
    }
    clock.advance(25 * MINUTE); // 2 h 5 min after the log-in
    expect((await client.get('/account').expect(303)).headers.location).toBe('/login?expired=1&next=%2Faccount');
  });

  it('gives a visitor a short-lived row (the idle timeout), and a signed-in session one that outlasts the rules', async () => {
    const visitor = agent(t.server);
    const cookie = sessionCookie(await visitor.get('/login').expect(200))!;
    const visitorSeconds = await rowLifetimeSeconds(cookie);
    expect(visitorSeconds).toBeGreaterThan(29 * 60);
    expect(visitorSeconds).toBeLessThanOrEqual(30 * 60);

    const member = agent(t.server);
    const account = await signedUp(agent(t.server));
    const memberCookie = sessionCookie(await logIn(member, account.username, account.password))!;
    const memberSeconds = await rowLifetimeSeconds(memberCookie);
    expect(memberSeconds).toBeGreaterThan(119 * 60);
    expect(memberSeconds).toBeLessThanOrEqual(120 * 60);
  });

  it('prunes expired rows (connect-pg-simple, on an interval)', async () => {
    const store = t.app.get(SessionStore).store as unknown as { pruneSessions(fn?: (err?: Error) => void): void; pruneTimer?: unknown };
    expect(store.pruneTimer).toBeDefined();
    const conn = t.em().getConnection();
    await conn.execute(`insert into "session" (sid, sess, expire) values ('old-one', '{"cookie":{}}', localtimestamp - interval '1 minute')`);
    await conn.execute(`insert into "session" (sid, sess, expire) values ('live-one', '{"cookie":{}}', localtimestamp + interval '1 hour')`);
    await new Promise<void>((resolve, reject) => store.pruneSessions((err) => (err ? reject(err) : resolve())));
    const rows = await conn.execute(`select sid from "session" where sid in ('old-one', 'live-one')`);
    expect(rows.map((r) => r.sid)).toEqual(['live-one']);
  });

  it('does not expire anything for a visitor who is not signed in', async () => {
    const res = await request(t.server).get('/shop').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined(); // no row at all until a form needs one
  });
});
