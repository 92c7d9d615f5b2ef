import request from 'supertest';
import { agent, csrfFrom, HTMX_PARTIAL, type Agent } from '../support/http';
import { grantInDatabase, logIn, PASSWORD, register, signedInWithRole, signedUp, type NewAccount } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { insertOrder } from '../support/orders';
import { insertRating, setPublic } from '../support/profile-ratings';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

/**
 * "The email is never shown to anyone but its owner, anywhere": two victims with distinctive
 * addresses — a customer with a public profile, an order and a review, and a shop owner who
 * shipped an order — and every page that shows another user, fetched as a visitor, as another
 * customer, as a shop owner and as an admin (pages and their htmx fragments, the CSV).
 */
describe('no page shows another user\'s email', () => {
  let t: TestApp;
  const customer: NewAccount = { username: 'quiet_buyer', email: 'Zq7-Secret.Box@privacy-audit.test', password: PASSWORD };
  const staffer: NewAccount = { username: 'quiet_staff', email: 'Kx9-hidden.inbox@privacy-audit.test', password: PASSWORD };
  let productId: number;
  let orderId: number;
  let shippedOrderId: number;
  let customerId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const customerClient = agent(t.server);
    expect((await register(customerClient, customer)).status).toBe(303);
    await setPublic(t.em(), customer.username, true);
    expect((await register(agent(t.server), staffer)).status).toBe(303);
    await grantInDatabase(t.em(), staffer.username, 'shop_owner');

    productId = await insertProduct(t.em(), { name: 'Audit Teapot' });
    orderId = await insertOrder(t.em(), { username: customer.username, created: new Date().toISOString(), lines: [{ productId, quantity: 1, price: '10.00' }] });
    shippedOrderId = await insertOrder(t.em(), { username: customer.username, created: new Date().toISOString(), lines: [{ productId, quantity: 2, price: '10.00' }] });
    await insertRating(t.em(), { username: customer.username, productId, rating: 4, comment: 'Pours well' });
    const [row] = await t.em().getConnection().execute('select id from users where username = ?', [customer.username]);
    customerId = row.id;

    // The staff victim ships an order: the order's history names who did it.
    const staffClient = agent(t.server);
    await logIn(staffClient, staffer.username, PASSWORD);
    const details = await staffClient.get(`/orders/${shippedOrderId}`).expect(200);
    await staffClient.post(`/orders/${shippedOrderId}/ship`).type('form').send({ _csrf: csrfFrom(details.text) }).expect(303);
  });
  afterAll(() => t?.close());

  /** Neither address, nor its part before the @, in any case. */
  function expectNoVictimEmail(text: string, where: string) {
    const page = text.toLowerCase();
    for (const victim of [customer, staffer]) {
      const email = victim.email.toLowerCase();
      const found = [email, email.split('@')[0], encodeURIComponent(email)].filter((part) => page.includes(part));
      if (found.length > 0) throw new Error(`${where} shows ${found.join(', ')}`);
    }
  }

  async function expectNoneOn(client: Agent, paths: string[], who: string) {
    for (const path of paths) {
      for (const headers of [{}, HTMX_PARTIAL]) {
        const res = await client.get(path).set(headers);
        expect([200, 303, 403, 404]).toContain(res.status);
        expectNoVictimEmail(res.text, `${path} for ${who}${headers === HTMX_PARTIAL ? ' (htmx)' : ''} (${res.status})`);
      }
    }
  }

  const everyone = () => [
    '/shop',
    `/products/${productId}`,
    `/users/${customer.username}`,
    `/users/${customer.username.toUpperCase()}?page=2`,
    `/users/${staffer.username}`,
  ];
  const staffPages = () => [
    '/admin',
    '/admin/orders',
    `/admin/orders?buyer=${customer.username}`,
    '/admin/orders.csv',
    `/admin/orders.csv?buyer=quiet`,
    `/orders/${orderId}`,
    `/orders/${shippedOrderId}`,
    '/admin/products',
    '/account',
  ];
  const adminPages = () => [
    '/admin/users',
    `/admin/users?q=quiet`,
    '/admin/users?page=2',
  ];

  it('the pages really hold the victims: each owner sees their own email on /profile', async () => {
    const own = agent(t.server);
    await logIn(own, customer.username, PASSWORD);
    expect((await own.get('/profile')).text).toContain(customer.email);
    const staffOwn = agent(t.server);
    await logIn(staffOwn, staffer.username, PASSWORD);
    expect((await staffOwn.get('/profile')).text).toContain(staffer.email);
  });

  it('shows no email to a visitor', async () => {
    const visitor = request(t.server);
    for (const path of [...everyone(), ...staffPages(), ...adminPages()]) {
      for (const headers of [{}, HTMX_PARTIAL]) {
        const res = await visitor.get(path).set(headers);
        expectNoVictimEmail(res.text, `${path} for a visitor`);
      }
    }
    expect((await visitor.get(`/users/${customer.username}`)).text).toContain(`<h1>${customer.username}</h1>`);
  });

  it('shows no email to another customer', async () => {
    const other = agent(t.server);
    await signedUp(other, 'nosy');
    await expectNoneOn(other, [...everyone(), ...staffPages(), ...adminPages()], 'another customer');
  });

  it('shows no email to a shop owner', async () => {
    const { client } = await signedInWithRole(t.server, t.em(), 'shop_owner');
    await expectNoneOn(client, [...everyone(), ...staffPages()], 'a shop owner');
    const details = await client.get(`/orders/${shippedOrderId}`).expect(200);
    expect(details.text).toContain(customer.username);
    expect(details.text).toContain(staffer.username);
    const csv = await client.get('/admin/orders.csv').expect(200);
    expect(csv.text.split('\n')[0].trim()).toBe('id,created,buyer,status,items,total,payment_method,money_received,address');
    expect(csv.text).toContain(`,${customer.username},`);
  });

  it('shows no email to an admin, on the users page and its row fragment either', async () => {
    const admin = agent(t.server);
    await logIn(admin, TEST_ADMIN.username, TEST_ADMIN.password);
    await expectNoneOn(admin, [...everyone(), ...staffPages(), ...adminPages()], 'an admin');
    const list = await admin.get('/admin/users?q=quiet').expect(200);
    expect(list.text).toContain(`<td>${customer.username}</td>`);
    expect(list.text).toContain(`<td>${staffer.username}</td>`);
    // An email typed into the search is echoed to the one who typed it, but finds nobody: a
    // search by email would tell whose address it is.
    const byEmail = await admin.get(`/admin/users?q=${encodeURIComponent(customer.email)}`).expect(200);
    expect(byEmail.text).not.toContain(`id="user-${customerId}"`);
    expect(byEmail.text).not.toContain(`<td>${customer.username}</td>`);
    // Granting a role answers htmx with the user's row.
    const row = await admin
      .post(`/admin/users/${customerId}/roles`)
      .set(HTMX_PARTIAL)
      .set('HX-Target', 'tr#user-' + customerId)
      .type('form')
      .send({ _csrf: csrfFrom(list.text), role: 'shop_owner', action: 'grant' })
      .expect(200);
    expect(row.text).toContain(`Granted shop_owner for ${customer.username}.`);
    expectNoVictimEmail(row.text, 'the granted row');
  });
});
