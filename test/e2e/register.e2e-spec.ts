import request from 'supertest';
import { agent, csrfFrom, HTMX_PARTIAL, submitForm } from '../support/http';
import { newAccount, register, PASSWORD } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('register', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('signs the new user in and lands on /account with a welcome', async () => {
    const client = agent(t.server);
    const account = newAccount();
    const res = await register(client, account);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
    const page = await client.get('/account').expect(200);
    expect(page.text).toContain(`Welcome, ${account.username}`);
    expect(page.headers['cache-control']).toBe('no-store');
    const [row] = await t.em().getConnection().execute('select password from users where username = ?', [account.username]);
    expect(row.password).toMatch(/^\$2[aby]\$04\$/); // bcrypt at the configured cost, never the password
  });

  it.each([
    [{ username: '' }, 'username', 'Enter a username.'],
    [{ username: 'ab' }, 'username', 'Username must be 3 to 30 characters'],
    [{ username: 'a'.repeat(31) }, 'username', 'Username must be 3 to 30 characters'],
    [{ username: 'bad name!' }, 'username', 'Username must be 3 to 30 characters'],
    [{ email: '' }, 'email', 'Enter your email address.'],
    [{ email: 'not-an-email' }, 'email', 'Enter a valid email address'],
    [{ password: 'short', confirmPassword: 'short' }, 'password', 'Password must be at least 8 characters.'],
    [{ password: 'é'.repeat(37), confirmPassword: 'é'.repeat(37) }, 'password', 'at most 72 bytes'],
    [{ confirmPassword: 'something else' }, 'confirmPassword', 'The two passwords do not match.'],
    [{ confirmPassword: '' }, 'confirmPassword', 'Type the password again.'],
  ] as [Record<string, string>, string, string][])('refuses %o with a message beside the field, keeping what was typed', async (fields, field, message) => {
    const client = agent(t.server);
    const account = newAccount();
    const res = await submitForm(client, '/register', '/register', {
      username: account.username,
      email: account.email,
      password: PASSWORD,
      confirmPassword: PASSWORD,
      ...fields,
    });
    expect(res.status).toBe(422);
    const beside = new RegExp(`id="${field}-error">[^<]*${escape(message)}`);
    expect(res.text).toMatch(beside);
    const username = fields.username ?? account.username;
    const email = fields.email ?? account.email;
    if (username) expect(res.text).toContain(`value="${username.replace(/!/g, '!')}"`);
    if (email) expect(res.text).toContain(`value="${email}"`);
    expect(res.text).not.toContain(PASSWORD);
    expect(res.text).not.toContain('value="short"');
    const [{ n }] = await t.em().getConnection().execute('select count(*)::int as n from users where lower(email) = lower(?)', [email || 'none']);
    expect(n).toBe(0);
  });

  it('says which of username and email is taken, whatever the case', async () => {
    const first = newAccount();
    expect((await register(agent(t.server), first)).status).toBe(303);

    const sameName = await register(agent(t.server), { ...newAccount(), username: first.username.toUpperCase() });
    expect(sameName.status).toBe(422);
    expect(sameName.text).toMatch(/id="username-error">That username is already taken\./);
    expect(sameName.text).not.toMatch(/id="email-error">An account/);

    const sameEmail = await register(agent(t.server), { ...newAccount(), email: first.email.toUpperCase() });
    expect(sameEmail.status).toBe(422);
    expect(sameEmail.text).toMatch(/id="email-error">An account with that email already exists\./);
    expect(sameEmail.text).toContain(`value="${first.email.toUpperCase()}"`);
    expect(sameEmail.text).not.toContain(PASSWORD);
  });

  it('shows every error at once: a taken username and email beside a password mismatch', async () => {
    const first = newAccount();
    expect((await register(agent(t.server), first)).status).toBe(303);
    const client = agent(t.server);
    const res = await submitForm(client, '/register', '/register', {
      username: first.username,
      email: first.email,
      password: PASSWORD,
      confirmPassword: 'not the same password',
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="username-error">That username is already taken\./);
    expect(res.text).toMatch(/id="email-error">An account with that email already exists\./);
    expect(res.text).toMatch(/id="confirmPassword-error">The two passwords do not match\./);
    // A field whose own format is wrong says that, not "taken".
    const malformed = await submitForm(client, '/register', '/register', { username: 'x', email: first.email, password: PASSWORD, confirmPassword: '' });
    expect(malformed.text).toMatch(/id="username-error">Username must be/);
    expect(malformed.text).toMatch(/id="email-error">An account with that email already exists\./);
  });

  it('lets the database decide when two people race for one name: one wins, the other is told', async () => {
    const name = newAccount('race').username;
    const clients = Array.from({ length: 6 }, () => agent(t.server));
    const tokens = await Promise.all(clients.map(async (c) => csrfFrom((await c.get('/register')).text)));
    const results = await Promise.all(
      clients.map((c, i) =>
        c.post('/register').type('form').send({
          _csrf: tokens[i],
          username: i % 2 ? name : name.toUpperCase(),
          email: `${name}-${i}@example.com`,
          password: PASSWORD,
          confirmPassword: PASSWORD,
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 422, 422, 422, 422, 422]);
    for (const loser of results.filter((r) => r.status === 422)) {
      expect(loser.text).toContain('That username is already taken.');
    }
    const [{ n }] = await t.em().getConnection().execute('select count(*)::int as n from users where lower(username) = lower(?)', [name]);
    expect(n).toBe(1);
  });

  it('re-renders only the form for an htmx request', async () => {
    const client = agent(t.server);
    const page = await client.get('/register');
    const res = await client
      .post('/register')
      .set(HTMX_PARTIAL)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username: 'x', email: 'x@example.com', password: '', confirmPassword: '' });
    expect(res.status).toBe(422);
    expect(res.text.trim()).toMatch(/^<form/);
    expect(res.text).not.toContain('<nav');
  });

  it('answers an htmx success with a full-page HX-Redirect to /account (a new identity, a new page)', async () => {
    const client = agent(t.server);
    const account = newAccount();
    const res = await submitForm(
      client,
      '/register',
      '/register',
      { ...account, confirmPassword: account.password },
      HTMX_PARTIAL,
    );
    expect(res.headers['hx-redirect']).toBe('/account');
  });

  it('checks availability inline, with the same rules as the form', async () => {
    const taken = newAccount();
    await register(agent(t.server), taken);
    const ask = (query: string) => request(t.server).get(`/register/availability?${query}`).set(HTMX_PARTIAL);

    const takenName = await ask(`username=${taken.username.toUpperCase()}`).expect(200);
    expect(takenName.text).toContain('That username is already taken.');
    expect(takenName.text).not.toContain('<nav');
    expect((await ask('username=free_name_42')).text).toContain('free_name_42 is available.');
    expect((await ask('username=a')).text).toContain('3 to 30 characters');
    expect((await ask(`email=${encodeURIComponent(taken.email)}`)).text).toContain('An account with that email already exists.');
    expect((await ask('email=new%40example.com')).text).toContain('No account uses this email yet.');
    expect((await ask('email=nope')).text).toContain('valid email');
    // Without htmx the same URL is a whole page, with a form to ask again.
    const page = await request(t.server).get('/register/availability?username=free_name_42').expect(200);
    expect(page.text).toContain('<nav');
    expect(page.text).toContain('free_name_42 is available.');
    expect(page.text).toContain('Check username</button>');
    expect((await request(t.server).get('/register')).text).toContain('href="/register/availability"');
  });

  it('counts a signed-in user\'s own name as free (the profile form\'s check)', async () => {
    const client = agent(t.server);
    const me = newAccount();
    await register(client, me);
    const res = await client.get(`/register/availability?username=${me.username.toUpperCase()}`).set(HTMX_PARTIAL);
    expect(res.text).toContain(`${me.username.toUpperCase()} is available.`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
