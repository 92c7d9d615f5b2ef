import { agent, submitForm } from '../support/http';
import { logIn, newAccount, register, signedUp } from '../support/accounts';
import { LogCapture, type LogLine } from '../support/log-capture';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The security events of log-in and sessions, as an operator greps for them: event name, who
 * (user id or the identifier typed), from where and which request. The logging spec covers
 * registration, password change, log-out, roles, CSRF and 403.
 */
describe('security events of log-in and sessions', () => {
  let t: TestApp;
  const logs = new LogCapture('info');

  beforeAll(async () => {
    t = await createTestApp({ logs, env: { LOGIN_FAILS_PER_ACCOUNT: '2', REGISTER_PER_IP: '3' } });
  });
  afterAll(() => t?.close());

  function events(event: string): LogLine[] {
    return logs.matching({ context: 'Security', event });
  }

  it('records a failed, a throttled and a successful log-in, never the password', async () => {
    const owner = agent(t.server);
    const account = await signedUp(owner, 'evt');
    const guesser = agent(t.server);
    for (let i = 0; i < 3; i += 1) await logIn(guesser, account.username, 'wrong password 1');
    const failed = events('login.failed').filter((line) => line.identifier === account.username);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed[0]).toMatchObject({ level: 'warn', reason: expect.any(String), ip: expect.stringMatching(/127\.0\.0\.1/) });
    expect(failed[0].requestId).toEqual(expect.any(String));
    expect(events('login.throttled').filter((line) => line.identifier === account.username)).not.toHaveLength(0);

    const fresh = newAccount('evt');
    await register(agent(t.server), fresh);
    const res = await logIn(agent(t.server), fresh.username, fresh.password);
    expect(res.status).toBe(303);
    const succeeded = events('login.succeeded');
    expect(succeeded.at(-1)).toMatchObject({ level: 'info', userId: expect.any(Number), ip: expect.stringMatching(/127\.0\.0\.1/) });
    expect(logs.text()).not.toContain('wrong password 1');
    expect(logs.text()).not.toContain(fresh.password);
  });

  it('records the sessions ended by Sign out other sessions', async () => {
    const here = agent(t.server);
    const account = await signedUp(here, 'evs');
    await logIn(agent(t.server), account.username, account.password);
    const res = await submitForm(here, '/profile', '/profile/sessions/sign-out-others', {});
    expect(res.status).toBe(303);
    expect(events('sessions.ended').at(-1)).toMatchObject({ level: 'info', userId: expect.any(Number), ended: 1 });
  });

  it('records a registration refused by its throttle', async () => {
    const client = agent(t.server);
    for (let i = 0; i < 4; i += 1) await register(client, newAccount('evr'));
    expect(events('registration.throttled')).not.toHaveLength(0);
    expect(events('registration.throttled')[0]).toMatchObject({ level: 'warn', ip: expect.stringMatching(/127\.0\.0\.1/) });
  });
});
