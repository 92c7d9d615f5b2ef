import request from 'supertest';
import { agent, csrfFrom, HTMX_PARTIAL } from '../support/http';
import { logIn, logOut, sessionCookie, signedUp } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('log in and log out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_FAILS_PER_ACCOUNT: '3', LOGIN_FAILS_PER_IP: '1000' } });
  });
  afterAll(() => t?.close());

  it('logs in by username and by email, in any case, and lands on /account', async () => {
    const account = await signedUp(agent(t.server));
    for (const identifier of [account.username, account.email, account.email.toUpperCase(), account.username.toUpperCase()]) {
      const client = agent(t.server);
      const res = await logIn(client, identifier, account.password);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/account');
      expect((await client.get('/account').expect(200)).text).toContain(`Welcome, ${account.username}`);
    }
  });

  it('says when the account does not exist, keeping the identifier but not the password', async () => {
    const res = await logIn(agent(t.server), 'nobody_here', 'whatever-password');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="identifier-error">We know no account with that username or email\./);
    expect(res.text).toContain('value="nobody_here"');
    expect(res.text).not.toContain('whatever-password');
  });

  it('says when the password is wrong', async () => {
    const account = await signedUp(agent(t.server));
    const res = await logIn(agent(t.server), account.email, 'wrong-password-1');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="password-error">That password is not right/);
    expect(res.text).toContain(`value="${account.email}"`);
    expect(res.text).not.toContain('wrong-password-1');
  });

  it('asks for both fields when one is empty', async () => {
    const res = await logIn(agent(t.server), '', '');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="identifier-error">Enter your username or email\./);
    expect(res.text).toMatch(/id="password-error">Enter your password\./);
  });

  it('keeps the user\'s id, username, email and active roles in the session, stored in PostgreSQL', async () => {
    const account = await signedUp(agent(t.server));
    await logIn(agent(t.server), account.username, account.password);
    const rows = await t.em().getConnection().execute(
      `select sess::jsonb #> '{passport,user}' as "user" from "session" where sess::jsonb #>> '{passport,user,username}' = ?`,
      [account.username],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].user).toMatchObject({ username: account.username, email: account.email, roles: [] });
    expect(typeof rows[0].user.id).toBe('number');
  });

  it('gives a new session id at login (no session fixation)', async () => {
    const account = await signedUp(agent(t.server));
    const client = agent(t.server);
    const before = sessionCookie(await client.get('/login'));
    expect(before).toBeDefined();
    const after = sessionCookie(await logIn(client, account.username, account.password));
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it('sends a signed-out visitor to log in, then back to the page asked for', async () => {
    const account = await signedUp(agent(t.server));
    const client = agent(t.server);
    const res = await client.get('/profile').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fprofile');
    const login = await client.get(res.headers.location).expect(200);
    expect(login.text).toContain('name="next" value="/profile"');
    const done = await client
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), identifier: account.username, password: account.password, next: '/profile' });
    expect(done.headers.location).toBe('/profile');
  });

  it('never follows a next that leaves the site', async () => {
    const account = await signedUp(agent(t.server));
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const res = await logIn(agent(t.server), account.username, account.password, next);
      expect(res.headers.location).toBe('/account');
    }
  });

  it('tells htmx to redirect to login with HX-Redirect', async () => {
    const res = await request(t.server).get('/profile').set(HTMX_PARTIAL).set('HX-Current-URL', 'http://x/cart');
    expect(res.headers['hx-redirect']).toBe('/login?next=%2Fcart');
  });

  it('logs out: the session is destroyed, the old cookie opens nothing, pages were not cacheable', async () => {
    const account = await signedUp(agent(t.server));
    const client = agent(t.server);
    const cookie = sessionCookie(await logIn(client, account.username, account.password))!;
    const privatePage = await client.get('/account').expect(200);
    expect(privatePage.headers['cache-control']).toBe('no-store');

    const out = await logOut(client);
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login?logged_out=1');
    expect(String(out.headers['set-cookie'])).toMatch(/shop\.sid=;/);
    const page = await client.get(out.headers.location).expect(200);
    expect(page.text).toContain('You have been logged out.');

    // Replaying the old cookie by hand: it no longer authenticates.
    const replay = await request(t.server).get('/account').set('Cookie', cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/login/);
  });

  it('refuses log-out without a CSRF token', async () => {
    const client = agent(t.server);
    await signedUp(client);
    await client.post('/logout').expect(403);
    await client.get('/account').expect(200);
  });

  it('limits failed attempts per account with a friendly 429, and holds the limit in PostgreSQL', async () => {
    const account = await signedUp(agent(t.server));
    for (let i = 0; i < 3; i += 1) {
      expect((await logIn(agent(t.server), account.username, 'wrong-password-x')).status).toBe(422);
    }
    // Even the right password is refused now, by username or email.
    const blocked = await logIn(agent(t.server), account.email, account.password);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed attempts. Please try again in 15 minutes.');
    expect(blocked.text).toContain('<form');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    const rows = await t.em().getConnection().execute(`select points from login_limits where key like 'login_account_ip:user:%'`);
    expect(rows.some((row) => Number(row.points) >= 3)).toBe(true);
  });

  it('holds the limit against a burst of parallel attempts', async () => {
    const account = await signedUp(agent(t.server));
    const clients = Array.from({ length: 10 }, () => agent(t.server));
    const tokens = await Promise.all(clients.map(async (c) => csrfFrom((await c.get('/login')).text)));
    const results = await Promise.all(
      clients.map((c, i) => c.post('/login').type('form').send({ _csrf: tokens[i], identifier: account.username, password: `wrong-${i}-password` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('does not count a successful log-in, and clears the account after one', async () => {
    const account = await signedUp(agent(t.server));
    for (let i = 0; i < 2; i += 1) await logIn(agent(t.server), account.username, 'wrong-password-x');
    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(303);
    for (let i = 0; i < 2; i += 1) await logIn(agent(t.server), account.username, 'wrong-password-x');
    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(303);
  });
});

describe('failed log-ins per IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_FAILS_PER_ACCOUNT: '100', LOGIN_FAILS_PER_IP: '4' } });
  });
  afterAll(() => t?.close());

  it('refuses an address that failed too often, whatever account it tries', async () => {
    const account = await signedUp(agent(t.server));
    for (let i = 0; i < 4; i += 1) await logIn(agent(t.server), `someone${i}`, 'nope-nope-nope');
    const res = await logIn(agent(t.server), account.username, account.password);
    expect(res.status).toBe(429);
    expect(res.text).toContain('Too many failed attempts');
  });
});
