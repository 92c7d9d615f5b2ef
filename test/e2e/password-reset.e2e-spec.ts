import request from 'supertest';
import { hashResetToken } from '../../src/password-reset/reset-token';
import { logIn, logInFrom, signedUp } from '../support/accounts';
import { agent, csrfFrom, HTMX_PARTIAL, type Agent } from '../support/http';
import { ManualClock } from '../support/manual-clock';
import { askForReset, freshIp, pathOf, resetRequestsHandled, SENT, setNewPassword } from '../support/password-reset';
import { resetLinkIn, startInbox, type Inbox, type ReceivedMail } from '../support/smtp-inbox';
import { createTestApp, type TestApp } from '../support/test-app';

const PUBLIC_URL = 'https://shop.example.test';
const MAIL_FROM = 'The Shop <shop@example.test>';
const NEW_PASSWORD = 'a brand new passphrase';
const MINUTE = 60_000;

describe('password reset by email', () => {
  let t: TestApp;
  let inbox: Inbox;
  const clock = new ManualClock();
  beforeAll(async () => {
    // STARTTLS offered and a login required over it, as a real provider does.
    inbox = await startInbox({ login: { user: 'shop', pass: 'mail-secret' } });
    t = await createTestApp({
      clock,
      env: { SMTP_URL: inbox.url, MAIL_FROM, PUBLIC_URL, RESET_PER_EMAIL: '3', RESET_PER_IP: '5' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  /** Asks for a link for this email and returns the mail that brought it. */
  async function mailFor(email: string, ip = freshIp()): Promise<{ mail: ReceivedMail; link: string; path: string }> {
    const expected = inbox.messages.length + 1;
    const answer = await askForReset(agent(t.server), email, ip);
    expect(answer.status).toBe(200);
    const mail = (await inbox.waitFor(expected))[expected - 1];
    const link = resetLinkIn(mail.mail.text);
    return { mail, link, path: pathOf(link) };
  }

  /** POSTs to a reset URL with a valid CSRF token, whatever that URL's GET answers. */
  async function postReset(client: Agent, path: string, password = NEW_PASSWORD) {
    const token = csrfFrom((await client.get('/password/forgot').expect(200)).text);
    return client.post(path).type('form').send({ _csrf: token, newPassword: password, confirmNewPassword: password });
  }

  it('links "Forgot password?" from the log-in page to a form with Email and Send reset link', async () => {
    const login = await request(t.server).get('/login').expect(200);
    expect(login.text).toMatch(/<a href="\/password\/forgot">Forgot password\?<\/a>/);
    const form = await request(t.server).get('/password/forgot').expect(200);
    expect(form.text).toMatch(/<label for="email">Email/);
    expect(form.text).toMatch(/<button type="submit">Send reset link<\/button>/);
  });

  it('mails the link over STARTTLS; it sets the password, refuses the old one and ends every session', async () => {
    const first = agent(t.server);
    const account = await signedUp(first);
    const second = agent(t.server);
    expect((await logIn(second, account.username, account.password)).status).toBe(303);

    const { mail, link, path } = await mailFor(account.email);
    expect(mail.envelopeTo).toEqual([account.email]);
    expect(mail.envelopeFrom).toBe('shop@example.test');
    expect(mail.mail.to).toMatchObject({ value: [{ address: account.email }] });
    expect(mail.mail.from).toMatchObject({ value: [{ address: 'shop@example.test', name: 'The Shop' }] });
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe('shop');
    expect(mail.mail.subject).toBe('Reset your password for The Shop');
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/password/reset/[A-Za-z0-9_-]{43}$`));
    expect(mail.mail.html).toContain(`href="${link}"`);
    expect(mail.mail.text).toContain(account.username);

    // Only the hash is stored.
    const token = path.split('/').pop()!;
    const [row] = await t.em().getConnection().execute(
      `select t.token_hash, t.used, t.expires from password_reset_tokens t join users u on u.id = t.user_id where u.email = ?`,
      [account.email],
    );
    expect(row.token_hash).toBe(hashResetToken(token));
    expect(row.used).toBe(false);
    expect(new Date(row.expires).getTime()).toBe(clock.nowMs() + 60 * MINUTE);

    const client = agent(t.server);
    const page = await client.get(path).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toMatch(/<label for="newPassword">New password/);
    expect(page.text).toMatch(/<label for="confirmNewPassword">Confirm new password/);
    expect(page.text).toMatch(/<button type="submit">Set password<\/button>/);
    const done = await setNewPassword(client, path, NEW_PASSWORD);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/login');
    expect((await client.get('/login').expect(200)).text).toContain('Your password was changed. Please log in.');

    // Both sessions that were signed in are over; their rows are gone.
    for (const session of [first, second]) {
      const res = await session.get('/account');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Faccount');
    }
    const sessions = await t.em().getConnection().execute(
      `select count(*)::int as n from "session" where "sess"::jsonb #>> '{passport,user,username}' = ?`,
      [account.username],
    );
    expect(sessions[0].n).toBe(0);

    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(422);
    expect((await logIn(agent(t.server), account.email, NEW_PASSWORD)).status).toBe(303);
    // Spent: the link now shows the "no longer valid" page.
    expect((await request(t.server).get(path)).status).toBe(404);
  });

  it('lets the new password in at once, even where failed log-ins had locked this address out', async () => {
    const account = await signedUp(agent(t.server));
    const ip = freshIp();
    // LOGIN_FAILS_PER_ACCOUNT (5) wrong guesses from this address: it is refused, even the right password.
    for (let i = 0; i < 5; i++) expect((await logInFrom(agent(t.server), ip, account.username, 'a wrong guess')).status).toBe(422);
    expect((await logInFrom(agent(t.server), ip, account.username, account.password)).status).toBe(429);

    const { path } = await mailFor(account.email);
    const client = agent(t.server);
    expect((await setNewPassword(client, path, NEW_PASSWORD, NEW_PASSWORD, { 'X-Forwarded-For': ip })).status).toBe(303);
    expect((await logInFrom(agent(t.server), ip, account.username, NEW_PASSWORD)).status).toBe(303);
  });

  it('signs out the browser that resets, too, when it was signed in as that user', async () => {
    const client = agent(t.server);
    const account = await signedUp(client);
    const { path } = await mailFor(account.email);
    expect((await setNewPassword(client, path, NEW_PASSWORD)).status).toBe(303);
    const login = await client.get('/login').expect(200); // no longer signed in: no redirect to /account
    expect(login.text).toContain('Your password was changed. Please log in.');
    expect((await client.get('/account')).status).toBe(303);
  });

  it('applies the registration rules to the new password (422, messages, nothing typed sent back)', async () => {
    const account = await signedUp(agent(t.server));
    const { path } = await mailFor(account.email);
    const client = agent(t.server);
    const short = await setNewPassword(client, path, 'short');
    expect(short.status).toBe(422);
    expect(short.text).toMatch(/id="newPassword-error">Password must be at least 8 characters\./);
    const mismatch = await setNewPassword(client, path, 'long enough one', 'long enough two');
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toMatch(/id="confirmNewPassword-error">The two new passwords do not match\./);
    expect(mismatch.text).not.toContain('long enough');
    const empty = await setNewPassword(client, path, '', '');
    expect(empty.text).toMatch(/id="newPassword-error">Enter a password\./);
    const tooLong = await setNewPassword(client, path, 'é'.repeat(40));
    expect(tooLong.text).toMatch(/id="newPassword-error">Password must be at most 72 bytes long\./);
    // htmx gets the form alone, with the message.
    const page = await client.get(path).expect(200);
    const fragment = await client.post(path).set(HTMX_PARTIAL).type('form').send({ _csrf: csrfFrom(page.text), newPassword: 'x', confirmNewPassword: 'x' });
    expect(fragment.status).toBe(422);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('Password must be at least 8 characters.');
    // Refusals leave the link usable and the password as it was.
    await client.get(path).expect(200);
    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(303);
  });

  it('shows one friendly page, with a link to ask again, for unknown, used, expired and superseded links', async () => {
    const used = await signedUp(agent(t.server));
    const usedLink = await mailFor(used.email);
    expect((await setNewPassword(agent(t.server), usedLink.path, NEW_PASSWORD)).status).toBe(303);

    const superseded = await signedUp(agent(t.server));
    const older = await mailFor(superseded.email);
    const newer = await mailFor(superseded.email);

    const expiring = await signedUp(agent(t.server));
    const expired = await mailFor(expiring.email);
    clock.advance(59 * MINUTE);
    await request(t.server).get(expired.path).expect(200); // still within the hour
    clock.advance(2 * MINUTE);

    const unknown = `/password/reset/${'A'.repeat(43)}`;
    const pages = [];
    for (const path of [unknown, '/password/reset/not-a-token', usedLink.path, older.path, expired.path]) {
      const res = await request(t.server).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('This link can no longer be used');
      expect(res.text).toMatch(/<a href="\/password\/forgot">Ask for a new reset link<\/a>/);
      expect(res.text).not.toContain('Set password');
      pages.push(res.text);
      // Posting a good password to it changes nothing.
      const post = await postReset(agent(t.server), path);
      expect(post.status).toBe(404);
      expect(post.text).toBe(res.text);
    }
    expect(new Set(pages).size).toBe(1); // never says which of them it was

    expect((await logIn(agent(t.server), superseded.username, NEW_PASSWORD)).status).toBe(422);
    expect((await logIn(agent(t.server), expiring.username, expiring.password)).status).toBe(303);
    // The newest link of the superseded user still works (it was asked for before the clock moved).
    clock.set(new Date(clock.nowMs() - 61 * MINUTE));
    await request(t.server).get(newer.path).expect(200);
  });

  it('lets only one of two simultaneous submits of a link through', async () => {
    const account = await signedUp(agent(t.server));
    const { path } = await mailFor(account.email);
    const [a, b] = [agent(t.server), agent(t.server)];
    const tokens = await Promise.all([a, b].map(async (c) => csrfFrom((await c.get(path).expect(200)).text)));
    const answers = await Promise.all(
      [a, b].map((c, i) =>
        c.post(path).type('form').send({ _csrf: tokens[i], newPassword: `winner number ${i}`, confirmNewPassword: `winner number ${i}` }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([303, 404]);
    const winner = answers.findIndex((r) => r.status === 303);
    expect((await logIn(agent(t.server), account.username, `winner number ${winner}`)).status).toBe(303);
    expect((await logIn(agent(t.server), account.username, `winner number ${1 - winner}`)).status).toBe(422);
  });

  it('answers an unknown email exactly as a known one, and mails only the known one', async () => {
    const account = await signedUp(agent(t.server));
    const before = inbox.messages.length;
    const known = await askForReset(agent(t.server), account.email);
    const unknown = await askForReset(agent(t.server), 'nobody-here@example.com');
    expect(known.status).toBe(200);
    expect(known.text).toContain(SENT);
    for (const header of ['content-type', 'content-length', 'etag', 'cache-control']) {
      expect(unknown.headers[header]).toBe(known.headers[header]);
    }
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
    // The same for htmx, which gets the message in place of the form.
    const knownPartial = await askForReset(agent(t.server), account.email.toUpperCase(), freshIp(), HTMX_PARTIAL);
    const unknownPartial = await askForReset(agent(t.server), 'nobody-else@example.com', freshIp(), HTMX_PARTIAL);
    expect(knownPartial.text).not.toContain('<html');
    expect(knownPartial.text).toContain(SENT);
    expect(unknownPartial.text).toBe(knownPartial.text);

    await resetRequestsHandled(t);
    expect(inbox.messages.slice(before).map((m) => m.envelopeTo)).toEqual([[account.email], [account.email]]);
  });

  it('asks again for an email that cannot be one, keeping what was typed', async () => {
    const res = await askForReset(agent(t.server), 'not-an-email');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="email-error">Enter a valid email address, like name@example\.com\./);
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).not.toContain(SENT);
  });

  it(`past RESET_PER_EMAIL in an hour: the same answer, no mail, and the last link still works`, async () => {
    const account = await signedUp(agent(t.server));
    let last = await mailFor(account.email);
    for (let i = 1; i < 3; i += 1) last = await mailFor(account.email);
    const before = inbox.messages.length;
    const throttled = await askForReset(agent(t.server), account.email.toUpperCase());
    expect(throttled.status).toBe(200);
    expect(throttled.text).toContain(SENT);
    await resetRequestsHandled(t);
    expect(inbox.messages.length).toBe(before);
    await request(t.server).get(last.path).expect(200); // a throttled request voids nothing
  });

  it('past RESET_PER_IP in an hour: the same answer and no mail from that address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) expect((await askForReset(agent(t.server), `stranger${i}@example.com`, ip)).status).toBe(200);
    const account = await signedUp(agent(t.server));
    const before = inbox.messages.length;
    const throttled = await askForReset(agent(t.server), account.email, ip);
    expect(throttled.status).toBe(200);
    expect(throttled.text).toContain(SENT);
    await resetRequestsHandled(t);
    expect(inbox.messages.length).toBe(before);
    await mailFor(account.email); // from another address it goes through
  });

  it('refuses a reset without a CSRF token', async () => {
    await request(t.server).post('/password/forgot').type('form').send({ email: 'a@example.com' }).expect(403);
  });
});
