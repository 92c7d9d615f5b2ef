import request from 'supertest';
import { agent, HTMX_PARTIAL, submitForm } from '../support/http';
import { newAccount } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('throttled registration and availability checks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REGISTER_PER_IP: '2', AVAILABILITY_PER_IP: '3' } });
  });
  afterAll(() => t?.close());

  function registerFrom(ip: string) {
    const account = newAccount();
    return submitForm(
      agent(t.server),
      '/register',
      '/register',
      { username: account.username, email: account.email, password: account.password, confirmPassword: account.password },
      { 'X-Forwarded-For': ip },
    );
  }

  it('allows REGISTER_PER_IP registrations per address an hour, then a friendly 429 that keeps the form', async () => {
    expect((await registerFrom('198.51.100.1')).status).toBe(303);
    expect((await registerFrom('198.51.100.1')).status).toBe(303);
    const refused = await registerFrom('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/Too many new accounts from your network\. Please try again in (60|59) minutes\./);
    expect(refused.text).toContain('<form method="post" action="/register"');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    const users = await t.em().getConnection().execute(`select count(*)::int as n from users`);
    expect(users[0].n).toBe(3); // the admin and the two allowed
    // Another address may still register.
    expect((await registerFrom('198.51.100.2')).status).toBe(303);
  });

  it('allows AVAILABILITY_PER_IP checks per address a minute, then a 429 in the same fragment', async () => {
    const check = () =>
      request(t.server).get('/register/availability?username=someone_new').set(HTMX_PARTIAL).set('X-Forwarded-For', '203.0.113.9');
    for (let i = 0; i < 3; i += 1) {
      const ok = await check();
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('someone_new is available.');
    }
    const refused = await check();
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/Too many checks\. Please try again in (1 minute|\d+ seconds?)\./);
    expect(refused.text).not.toContain('available.');
    const elsewhere = await request(t.server).get('/register/availability?username=someone_new').set('X-Forwarded-For', '203.0.113.10');
    expect(elsewhere.status).toBe(200);
  });
});
