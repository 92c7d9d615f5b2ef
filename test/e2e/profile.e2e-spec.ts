import request from 'supertest';
import { agent, HTMX_PARTIAL, submitForm, type Agent } from '../support/http';
import { logIn, newAccount, PASSWORD, register, sessionCookie, signedUp, type NewAccount } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('account and profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function signedIn(): Promise<{ client: Agent; account: NewAccount }> {
    const client = agent(t.server);
    return { client, account: await signedUp(client) };
  }

  it('shows the account landing page and the profile facts', async () => {
    const { client, account } = await signedIn();
    const home = await client.get('/account').expect(200);
    expect(home.text).toContain(`Welcome, ${account.username}`);
    expect(home.text).toContain('href="/profile"');
    expect(home.text).toContain('href="/orders"');
    expect(home.text).not.toContain('href="/admin/products"');
    const profile = await client.get('/profile').expect(200);
    expect(profile.text).toContain(account.email);
    expect(profile.text).toContain('customer');
    expect(profile.text).toContain(new Date().toISOString().slice(0, 10));
  });

  it('requires signing in', async () => {
    await request(t.server).get('/account').expect(303).expect('Location', '/login?next=%2Faccount');
    await request(t.server).get('/profile').expect(303);
  });

  it('saves a new username and email; the session and navigation follow', async () => {
    const { client } = await signedIn();
    const fresh = newAccount('renamed');
    const res = await submitForm(client, '/profile', '/profile', { username: fresh.username, email: fresh.email, currentPassword: PASSWORD });
    expect(res.status).toBe(303);
    const profile = await client.get('/profile').expect(200);
    expect(profile.text).toContain('Your profile has been saved.');
    expect(profile.text).toContain(fresh.email);
    expect((await client.get('/account')).text).toContain(`Welcome, ${fresh.username}`);
  });

  it('keeps its own name and email as "not taken", but refuses another user\'s (any case)', async () => {
    const { client, account } = await signedIn();
    const other = await signedUp(agent(t.server));
    const same = await submitForm(client, '/profile', '/profile', { username: account.username.toUpperCase(), email: account.email, currentPassword: PASSWORD });
    expect(same.status).toBe(303);
    const taken = await submitForm(client, '/profile', '/profile', { username: other.username.toUpperCase(), email: account.email, currentPassword: PASSWORD });
    expect(taken.status).toBe(422);
    expect(taken.text).toMatch(/id="username-error">That username is already taken\./);
    expect(taken.text).toContain(`value="${other.username.toUpperCase()}"`);
    const takenEmail = await submitForm(client, '/profile', '/profile', { username: account.username, email: other.email, currentPassword: PASSWORD });
    expect(takenEmail.text).toMatch(/id="email-error">An account with that email already exists\./);
  });

  it('validates the profile like registration, and htmx gets only the form', async () => {
    const { client } = await signedIn();
    const res = await submitForm(client, '/profile', '/profile', { username: 'x', email: 'bad' }, HTMX_PARTIAL);
    expect(res.status).toBe(422);
    expect(res.text.trim()).toMatch(/^<form method="post" action="\/profile"/);
    expect(res.text).toMatch(/id="username-error">Username must be 3 to 30 characters/);
    expect(res.text).toMatch(/id="email-error">Enter a valid email address/);
  });

  it('changes the password only with the right current password', async () => {
    const { client, account } = await signedIn();
    const wrong = await submitForm(client, '/profile', '/profile/password', {
      currentPassword: 'not-my-password',
      newPassword: 'brand new password',
      confirmNewPassword: 'brand new password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(/id="currentPassword-error">That is not your current password\./);
    expect(wrong.text).not.toContain('brand new password');

    const mismatch = await submitForm(client, '/profile', '/profile/password', {
      currentPassword: account.password,
      newPassword: 'brand new password',
      confirmNewPassword: 'other new password',
    });
    expect(mismatch.text).toMatch(/id="confirmNewPassword-error">The two new passwords do not match\./);
    const short = await submitForm(client, '/profile', '/profile/password', {
      currentPassword: account.password,
      newPassword: 'short',
      confirmNewPassword: 'short',
    });
    expect(short.text).toMatch(/id="newPassword-error">Password must be at least 8 characters\./);
    // Nothing changed: the old password still works.
    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(303);
  });

  it('after a password change, signs out the user\'s other sessions but not this one', async () => {
    const account = newAccount();
    const here = agent(t.server);
    await register(here, account);
    const elsewhere = agent(t.server);
    await logIn(elsewhere, account.username, account.password);
    await elsewhere.get('/account').expect(200);
    const stranger = agent(t.server);
    await signedUp(stranger);

    const before = sessionCookie(await here.get('/profile'));
    const res = await submitForm(here, '/profile', '/profile/password', {
      currentPassword: account.password,
      newPassword: 'brand new password',
      confirmNewPassword: 'brand new password',
    });
    expect(res.status).toBe(303);
    expect(before).toBeDefined();
    expect(sessionCookie(res)).not.toBe(before); // this session continues under a new id
    await here.get('/account').expect(200);
    await elsewhere.get('/account').expect(303);
    await stranger.get('/account').expect(200);
    expect((await logIn(agent(t.server), account.username, account.password)).status).toBe(422);
    expect((await logIn(agent(t.server), account.username, 'brand new password')).status).toBe(303);
  });

  it('ends the other sessions even while they are busy with requests of their own', async () => {
    const account = newAccount();
    const here = agent(t.server);
    await register(here, account);
    const busy = agent(t.server);
    await logIn(busy, account.username, account.password);
    const busyToken = /name="_csrf" value="([^"]+)"/.exec((await busy.get('/profile')).text)![1];
    // The busy session keeps saving its profile (its session is saved after each request).
    let stop = false;
    const traffic = (async () => {
      while (!stop) {
        await busy.post('/profile').type('form').send({ _csrf: busyToken, username: account.username, email: account.email });
      }
    })();
    const res = await submitForm(here, '/profile', '/profile/password', {
      currentPassword: account.password,
      newPassword: 'brand new password',
      confirmNewPassword: 'brand new password',
    });
    expect(res.status).toBe(303);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await traffic;
    await busy.get('/account').expect(303);
    await here.get('/account').expect(200);
  });

  it('keeps the signed-in session working across requests with the same cookie', async () => {
    const account = await signedUp(agent(t.server));
    const res = await logIn(agent(t.server), account.username, PASSWORD);
    const cookie = sessionCookie(res)!;
    await request(t.server).get('/account').set('Cookie', cookie).expect(200);
  });
});
