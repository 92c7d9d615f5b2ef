import request from 'supertest';
import { agent, csrfFrom, HTMX_PARTIAL } from '../support/http';
import { grantInDatabase, logIn, signedInWithRole, signedUp } from '../support/accounts';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { RolesService } from '../../src/roles/roles.service';

describe('roles, the guard and /admin/users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function adminClient() {
    const client = agent(t.server);
    expect((await logIn(client, TEST_ADMIN.username, TEST_ADMIN.password)).status).toBe(303);
    return client;
  }

  async function userId(username: string): Promise<number> {
    const [row] = await t.em().getConnection().execute('select id from users where username = ?', [username]);
    return row.id;
  }

  async function activeRoles(username: string) {
    return new RolesService(t.em()).activeRoleNames(await userId(username));
  }

  async function setRole(client: ReturnType<typeof agent>, id: number, role: string, action: string, headers = {}) {
    const page = await client.get('/admin/users');
    return client.post(`/admin/users/${id}/roles`).set(headers).type('form').send({ _csrf: csrfFrom(page.text), role, action });
  }

  it('created the first admin from ADMIN_* at start-up', async () => {
    expect(await activeRoles(TEST_ADMIN.username)).toEqual(['admin']);
    const [row] = await t.em().getConnection().execute('select email from users where username = ?', [TEST_ADMIN.username]);
    expect(row.email).toBe(TEST_ADMIN.email);
  });

  it('does nothing at a restart while an admin exists', async () => {
    const { FirstAdminService } = await import('../../src/users/first-admin.service');
    await t.app.get(FirstAdminService).onApplicationBootstrap();
    const [{ n }] = await t.em().getConnection().execute(`select count(*)::int as n from users where username = ?`, [TEST_ADMIN.username]);
    expect(n).toBe(1);
  });

  it('shows users and their roles to an admin, with the contract\'s buttons', async () => {
    const customer = await signedUp(agent(t.server));
    const page = await (await adminClient()).get('/admin/users').expect(200);
    expect(page.text).toContain(customer.username);
    expect(page.text).toContain('Grant shop_owner');
    expect(page.text).toContain('Grant admin');
    expect(page.text).toContain('Revoke admin'); // the admin's own row
  });

  it('keeps shop owners and customers out of /admin/users with a friendly 403', async () => {
    const { client: owner } = await signedInWithRole(t.server, t.em(), 'shop_owner');
    const res = await owner.get('/admin/users').expect(403);
    expect(res.text).toContain('You do not have permission');
    const customer = agent(t.server);
    await signedUp(customer);
    await customer.get('/admin/users').expect(403);
    await request(t.server).get('/admin/users').expect(303).expect('Location', '/login?next=%2Fadmin%2Fusers');
  });

  it('grants and revokes shop_owner, keeping the row inactive rather than deleting it', async () => {
    const admin = await adminClient();
    const user = await signedUp(agent(t.server));
    const id = await userId(user.username);

    expect((await setRole(admin, id, 'shop_owner', 'grant')).status).toBe(303);
    expect(await activeRoles(user.username)).toEqual(['shop_owner']);
    const page = await admin.get('/admin/users');
    expect(page.text).toContain(`Granted shop_owner for ${user.username}.`);
    expect(page.text).toContain('Revoke shop_owner');
    // The role in words and by its contract name, in the user's row.
    const row = new RegExp(`<tr id="user-${id}">[\\s\\S]*?</tr>`).exec(page.text)![0];
    expect(row).toContain('<span class="role">Shop owner</span> <small class="muted">(shop_owner)</small>');

    expect((await setRole(admin, id, 'shop_owner', 'revoke')).status).toBe(303);
    expect(await activeRoles(user.username)).toEqual([]);
    const rows = await t.em().getConnection().execute('select is_active from user_roles where user_id = ?', [id]);
    expect(rows).toEqual([{ is_active: false }]);
  });

  it('applies a role change to the user\'s live session at once', async () => {
    const admin = await adminClient();
    const user = agent(t.server);
    const account = await signedUp(user);
    await user.get('/admin/users').expect(403);
    await setRole(admin, await userId(account.username), 'admin', 'grant');
    await user.get('/admin/users').expect(200);
    await setRole(admin, await userId(account.username), 'admin', 'revoke');
    await user.get('/admin/users').expect(403);
  });

  it('swaps only the row for htmx', async () => {
    const admin = await adminClient();
    const user = await signedUp(agent(t.server));
    const res = await setRole(admin, await userId(user.username), 'shop_owner', 'grant', HTMX_PARTIAL);
    expect(res.status).toBe(200);
    expect(res.text.trim()).toMatch(/^<tr id="user-\d+">/);
    expect(res.text).toContain('Revoke shop_owner');
    expect(res.text).not.toContain('<nav');
  });

  it('never leaves the shop without an admin', async () => {
    const admin = await adminClient();
    const adminId = await userId(TEST_ADMIN.username);
    const res = await setRole(admin, adminId, 'admin', 'revoke');
    expect(res.status).toBe(303);
    expect((await admin.get('/admin/users')).text).toContain('The shop needs at least one admin');
    expect(await activeRoles(TEST_ADMIN.username)).toEqual(['admin']);

    const htmx = await setRole(admin, adminId, 'admin', 'revoke', HTMX_PARTIAL);
    expect(htmx.status).toBe(409);
    expect(htmx.text).toContain('The shop needs at least one admin');
  });

  it('lets an admin step down once there is another admin', async () => {
    const { client: second, account } = await signedInWithRole(t.server, t.em(), 'admin');
    const firstId = await userId(TEST_ADMIN.username);
    const secondId = await userId(account.username);
    const first = await adminClient();
    // Both try to remove each other at once: exactly one may succeed.
    await Promise.all([setRole(first, secondId, 'admin', 'revoke'), setRole(second, firstId, 'admin', 'revoke')]);
    const admins = [...(await activeRoles(TEST_ADMIN.username)), ...(await activeRoles(account.username))];
    expect(admins.filter((role) => role === 'admin')).toHaveLength(1);
    // Put things back for the other tests.
    await grantInDatabase(t.em(), TEST_ADMIN.username, 'admin');
  });

  it('lists the newest users first and finds a user by name', async () => {
    const admin = await adminClient();
    const newest = await signedUp(agent(t.server), 'newest');
    const adminRow = `id="user-${await userId(TEST_ADMIN.username)}"`;
    const page = (await admin.get('/admin/users')).text;
    expect(page.indexOf(newest.username)).toBeLessThan(page.indexOf(adminRow));
    const found = (await admin.get(`/admin/users?q=${newest.username.toUpperCase()}`)).text;
    expect(found).toContain(newest.username);
    expect(found).not.toContain(adminRow);
    // Found by username only: never by (and never showing) an email.
    const byEmail = (await admin.get(`/admin/users?q=${encodeURIComponent(newest.email)}`)).text;
    expect(byEmail).not.toContain(`id="user-${await userId(newest.username)}"`);
    expect(page).not.toContain(newest.email);
  });

  it('sends an admin who stepped down to their account page', async () => {
    const { client, account } = await signedInWithRole(t.server, t.em(), 'admin');
    const res = await setRole(client, await userId(account.username), 'admin', 'revoke');
    expect(res.headers.location).toBe('/account');
    await client.get('/admin/users').expect(403);
  });

  it('counts no grant of a deactivated role', async () => {
    const { client } = await signedInWithRole(t.server, t.em(), 'shop_owner');
    await client.get('/admin/products').expect(200);
    await t.em().getConnection().execute(`update roles set is_active = false where name = 'shop_owner'`);
    try {
      await client.get('/admin/products').expect(403);
      expect((await client.get('/account')).text).not.toContain('href="/admin/products"');
    } finally {
      await t.em().getConnection().execute(`update roles set is_active = true where name = 'shop_owner'`);
    }
  });

  it('answers unknown users and roles with 404', async () => {
    const admin = await adminClient();
    const token = csrfFrom((await admin.get('/admin/users')).text);
    await admin.post('/admin/users/abc/roles').type('form').send({ _csrf: token, role: 'admin', action: 'grant' }).expect(404);
    expect((await setRole(admin, 999999, 'admin', 'grant')).status).toBe(404);
    expect((await setRole(admin, await userId(TEST_ADMIN.username), 'superuser', 'grant')).status).toBe(404);
  });

  it('shows staff links only to staff', async () => {
    const { client: owner } = await signedInWithRole(t.server, t.em(), 'shop_owner');
    const ownerPage = (await owner.get('/account')).text;
    expect(ownerPage).toContain('href="/admin/products"');
    expect(ownerPage).not.toContain('href="/admin/users"');
    const adminPage = (await (await adminClient()).get('/account')).text;
    expect(adminPage).toContain('href="/admin/users"');
  });
});
