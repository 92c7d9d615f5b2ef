import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { logIn, signedUp } from '../support/accounts';
import { agent } from '../support/http';
import { askForReset, pathOf, resetRequestsHandled, SENT, setNewPassword } from '../support/password-reset';
import { LogCapture } from '../support/log-capture';
import { createTestApp, type TestApp } from '../support/test-app';

/** Every line the app logs (one pino object each), as "level {json}" text to assert on. */
class CapturedLog extends LogCapture {
  get texts(): string[] {
    return this.lines().map((line) => `${line.level} ${JSON.stringify(line)}`);
  }
}

describe('password reset without SMTP_URL: the link in the log', () => {
  let t: TestApp;
  const log = new CapturedLog();
  beforeAll(async () => {
    t = await createTestApp({ env: { SMTP_URL: undefined, PUBLIC_URL: 'http://shop.local:8080' }, logs: log });
  });
  afterAll(() => t?.close());

  it('writes the whole link on one line, which then resets the password', async () => {
    const account = await signedUp(agent(t.server));
    const answer = await askForReset(agent(t.server), account.email);
    expect(answer.text).toContain(SENT);
    await resetRequestsHandled(t);

    const lines = log.texts.filter((line) => line.includes('/password/reset/'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain(account.email);
    const link = /http:\/\/shop\.local:8080\/password\/reset\/[A-Za-z0-9_-]{43}(?=[\s"]|$)/.exec(lines[0])?.[0];
    expect(link).toBeDefined();

    const done = await setNewPassword(agent(t.server), pathOf(link!), 'set from the log line');
    expect(done.status).toBe(303);
    expect((await logIn(agent(t.server), account.username, 'set from the log line')).status).toBe(303);
  });

  it('records the request, the throttle and the change in the security log, never the token', async () => {
    const account = await signedUp(agent(t.server));
    await askForReset(agent(t.server), account.email);
    await askForReset(agent(t.server), 'unknown-person@example.com');
    await resetRequestsHandled(t);
    const events = log.texts.filter((line) => line.includes('"event":"password_reset.'));
    const requested = events.filter((line) => line.includes('password_reset.requested'));
    expect(requested.some((line) => line.includes(account.email) && line.includes('"known":true'))).toBe(true);
    expect(requested.some((line) => line.includes('unknown-person@example.com') && line.includes('"known":false'))).toBe(true);

    const link = /http\S+\/password\/reset\/[A-Za-z0-9_-]{43}/.exec(log.texts.filter((l) => l.includes(account.email)).pop()!)![0];
    await setNewPassword(agent(t.server), pathOf(link), 'another new password');
    const completed = log.texts.filter((line) => line.includes('password_reset.completed'));
    expect(completed).toHaveLength(2); // this test's and the one before
    const token = link.split('/').pop()!;
    expect(log.texts.filter((line) => line.includes(token) && !line.includes('SMTP_URL is not set'))).toEqual([]);

    for (let i = 0; i < 3; i += 1) await askForReset(agent(t.server), account.email);
    await resetRequestsHandled(t);
    expect(log.texts.some((line) => line.startsWith('warn') && line.includes('password_reset.throttled'))).toBe(true);
  });
});

describe('password reset when the mail server fails', () => {
  let t: TestApp;
  let stalled: Server;
  const sockets: Socket[] = [];
  const log = new CapturedLog();
  beforeAll(async () => {
    // Accepts connections and never says a word: a mail server that hangs.
    stalled = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const { port } = stalled.address() as AddressInfo;
    t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` }, logs: log });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => stalled?.close(resolve));
  });

  it('answers at once while the mail hangs, then logs the failure without the link', async () => {
    const account = await signedUp(agent(t.server));
    const answer = await askForReset(agent(t.server), account.email);
    // The page came back although the mail server has not even greeted yet.
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(SENT);
    await new Promise<void>((resolve) => (sockets.length > 0 ? resolve() : stalled.once('connection', () => resolve())));

    for (const socket of sockets) socket.destroy(); // the mail server goes away
    await resetRequestsHandled(t);
    const failures = log.texts.filter((line) => line.startsWith('error') && line.includes('could not be sent'));
    expect(failures).toHaveLength(1);
    expect(log.texts.filter((line) => line.includes('/password/reset/'))).toEqual([]);
    // The link was stored before the send: only this mail was lost, and asking again replaces it.
    const rows = await t.em().getConnection().execute(
      `select count(*)::int as n from password_reset_tokens t join users u on u.id = t.user_id where u.email = ?`,
      [account.email],
    );
    expect(rows[0].n).toBe(1);
  });
});
