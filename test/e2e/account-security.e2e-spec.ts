import { agent, submitForm, type Agent } from '../support/http';
import { logIn, newAccount, PASSWORD, register, signedUp, type NewAccount } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('account security on /profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_FAILS_PER_ACCOUNT: '3' } });
  });
  afterAll(() => t?.close());

  async function signedIn(): Promise<{ client: Agent; account: NewAccount }> {
    const client = agent(t.server);
    return { client, account: await signedUp(client) };
  }

  async function storedUser(id: string) {
    const [row] = await t.em().getConnection().execute(`select username, email from users where username = ? or email = ?`, [id, id]);
    return row as { username: string; email: string } | undefined;
  }

  it('asks for the current password to change the username or the email, and checks it', async () => {
    const { client, account } = await signedIn();
    const fresh = newAccount('moved');
    const page = await client.get('/profile').expect(200);
    expect(page.text).toContain('for="profile-currentPassword">Current password');

    const missing = await submitForm(client, '/profile', '/profile', { username: account.username, email: fresh.email });
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/id="profile-currentPassword-error">Enter your current password to make this change\./);
    expect(missing.text).toContain(`value="${fresh.email}"`);

    const wrong = await submitForm(client, '/profile', '/profile', {
      username: fresh.username,
      email: account.email,
      currentPassword: 'not-my-password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(/id="profile-currentPassword-error">That is not your current password\./);
    expect(wrong.text).not.toContain('not-my-password');
    expect(await storedUser(account.username)).toEqual({ username: account.username, email: account.email });

    const right = await submitForm(client, '/profile', '/profile', {
      username: fresh.username,
      email: fresh.email,
      currentPassword: PASSWORD,
    });
    expect(right.status).toBe(303);
    expect(await storedUser(fresh.username)).toEqual({ username: fresh.username, email: fresh.email });
  });

  it('saves the profile without the password when neither username nor email changes', async () => {
    const { client, account } = await signedIn();
    const res = await submitForm(client, '/profile', '/profile', { username: account.username, email: account.email });
    expect(res.status).toBe(303);
    expect((await client.get('/profile')).text).toContain('Your profile has been saved.');
  });

  it('throttles wrong current passwords per user with a friendly 429, on both forms', async () => {
    const { client, account } = await signedIn();
    const change = (currentPassword: string) =>
      submitForm(client, '/profile', '/profile/password', {
        currentPassword,
        newPassword: 'brand new password',
        confirmNewPassword: 'brand new password',
      });
    for (let i = 0; i < 3; i += 1) expect((await change(`wrong-guess-${i}`)).status).toBe(422);
    const refused = await change(PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/id="currentPassword-error">Too many wrong passwords\. Please try again in 15 minutes\./);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    // The same count guards the profile form's password, from another session of the user too.
    const other = agent(t.server);
    await logIn(other, account.username, account.password);
    const rename = await submitForm(other, '/profile', '/profile', {
      username: `${account.username}x`,
      email: account.email,
      currentPassword: PASSWORD,
    });
    expect(rename.status).toBe(429);
    expect(rename.text).toContain('Too many wrong passwords');
    // The password was not changed.
    expect((await logIn(agent(t.server), account.username, PASSWORD)).status).toBe(303);
  });

  it('signs out every other session of this user, and only those', async () => {
    const account = newAccount();
    const here = agent(t.server);
    await register(here, account);
    const phone = agent(t.server);
    const laptop = agent(t.server);
    await logIn(phone, account.username, account.password);
    await logIn(laptop, account.email, account.password);
    const stranger = agent(t.server);
    await signedUp(stranger);

    const page = await here.get('/profile').expect(200);
    expect(page.text).toContain('Sign out other sessions</button>');
    const res = await submitForm(here, '/profile', '/profile/sessions/sign-out-others', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/profile');
    expect((await here.get('/profile').expect(200)).text).toContain('Your other sessions have been signed out.');
    await phone.get('/account').expect(303);
    await laptop.get('/account').expect(303);
    await stranger.get('/account').expect(200);

    // The rows are found by the indexed user id column.
    const rows = await t.em().getConnection().execute(
      `select count(*)::int as n from "session" s join users u on u.id = s.user_id where u.username = ?`,
      [account.username],
    );
    expect(rows[0].n).toBe(1);
    const index = await t.em().getConnection().execute(`select indexdef from pg_indexes where indexname = 'session_user_id_index'`);
    expect(index[0].indexdef).toContain('(user_id)');
  });

  it('refuses sign-out-others without a CSRF token', async () => {
    const { client } = await signedIn();
    await client.post('/profile/sessions/sign-out-others').type('form').send({}).expect(403);
  });
});

describe('case folding of usernames and emails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('treats ÄLICE and älice in an email as the same, in the code and in the unique index', async () => {
    const first = { ...newAccount(), email: 'älice@example.com' };
    expect((await register(agent(t.server), first)).status).toBe(303);
    const second = { ...newAccount(), email: 'ÄLICE@example.com' };
    const taken = await register(agent(t.server), second);
    expect(taken.status).toBe(422);
    expect(taken.text).toMatch(/id="email-error">An account with that email already exists\./);
    expect((await logIn(agent(t.server), 'ÄLICE@EXAMPLE.COM', PASSWORD)).status).toBe(303);
    // The database agrees on its own: its unique index refuses the other case too.
    await expect(
      t.em().getConnection().execute(`insert into users (username, email, password) values ('otherone', 'ÄLICE@example.com', ?)`, ['x'.repeat(60)]),
    ).rejects.toThrow(/users_email_lower_unique/);
  });

  it('folds the way the database does where JavaScript differs (a final sigma)', async () => {
    // JavaScript lower-cases "ΣΑΣ" to "σας", PostgreSQL to "σασ": the code must ask the database.
    const first = { ...newAccount(), email: 'σασ@example.com' };
    expect((await register(agent(t.server), first)).status).toBe(303);
    const second = { ...newAccount(), email: 'ΣΑΣ@example.com' };
    const taken = await register(agent(t.server), second);
    expect(taken.status).toBe(422);
    expect(taken.text).toMatch(/id="email-error">An account with that email already exists\./);
    expect((await logIn(agent(t.server), 'ΣΑΣ@example.com', PASSWORD)).status).toBe(303);
  });

  it('finds a username in any case (usernames themselves are ASCII only)', async () => {
    const account = await signedUp(agent(t.server));
    expect((await logIn(agent(t.server), account.username.toUpperCase(), PASSWORD)).status).toBe(303);
    const res = await register(agent(t.server), { ...newAccount(), username: 'ÄLICE' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="username-error">Username must be 3 to 30 characters/);
  });
});
