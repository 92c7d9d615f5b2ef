import fc from 'fast-check';
import request from 'supertest';
import { agent } from '../support/http';
import { PASSWORD, signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { ADDRESS } from '../support/checkout';
import { insertOrder } from '../support/orders';
import {
  assertSafe, contentType, csrfChoice, formPairs, FUZZ_RUNS, FuzzClient, htmxHeaders, pathSegment, queryString,
} from '../support/fuzz';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every form and every GET with parameters: whatever is sent, the
 * shop answers without a 5xx, a stack trace, SQL, an error class name or an unescaped
 * <script>, and still answers /healthz afterwards. FUZZ_RUNS sets the runs per property.
 */
describe('fuzzing every form and query', () => {
  let t: TestApp;
  let anonymous: FuzzClient;
  let shopper: FuzzClient;
  let staff: FuzzClient;
  let shopperId: number;
  let productId: number;

  beforeAll(async () => {
    // Failed log-ins are the point here, not the throttle: let every attempt reach the check.
    t = await createTestApp({ env: { LOGIN_FAILS_PER_ACCOUNT: '1000', LOGIN_FAILS_PER_IP: '1000' } });
    productId = await insertProduct(t.em(), { name: 'Fuzz Lamp', category: 'Fuzz', stock: 1_000_000, price: '3.00' });
    anonymous = new FuzzClient(agent(t.server), '/login', () => agent(t.server));
    const shopperAgent = agent(t.server);
    const account = await signedUp(shopperAgent, 'fuzz');
    shopper = new FuzzClient(shopperAgent, '/profile');
    [{ id: shopperId }] = await t.em().getConnection().execute('select id from users where username = ?', [account.username]);
    // The shopper bought the lamp, so the review form goes as deep as it can (the upsert, the recount).
    await insertOrder(t.em(), { username: account.username, created: new Date().toISOString(), lines: [{ productId, quantity: 1, price: '3.00' }] });
    staff = new FuzzClient((await signedInWithRole(t.server, t.em(), 'shop_owner')).client, '/admin/products/new');
    await Promise.all([anonymous.refreshToken(), shopper.refreshToken(), staff.refreshToken()]);
  });
  afterAll(() => t?.close());

  afterEach(async () => {
    await request(t.server).get('/healthz').expect(200);
  });

  const timeout = 60_000 + FUZZ_RUNS * 400;
  const runs = { numRuns: FUZZ_RUNS };

  /** The product is in the shopper's cart before each run, so updates and checkout go deep. */
  async function fillCart(): Promise<void> {
    await t.em().getConnection().execute(
      `insert into cart (user_id, product_id, desired_quantity, unit_price) values (?, ?, 1, 3.00)
       on conflict (user_id, product_id) do nothing`,
      [shopperId, productId],
    );
  }

  function fuzzForm(label: string, client: () => FuzzClient, path: () => string, fields: () => Record<string, string>, before?: () => Promise<void>) {
    it(
      label,
      async () => {
        await fc.assert(
          fc.asyncProperty(formPairs(fields()), contentType, csrfChoice, htmxHeaders, async (body, type, csrf, headers) => {
            await before?.();
            const res = await client().post(path(), body, { type, csrf, headers });
            assertSafe(res, `POST ${path()} ${body.slice(0, 200)}`);
          }),
          runs,
        );
      },
      timeout,
    );
  }

  function fuzzQuery(label: string, client: () => FuzzClient, path: string, fields: Record<string, string>) {
    it(
      `${label}: GET ${path}?…`,
      async () => {
        await fc.assert(
          fc.asyncProperty(queryString(fields), htmxHeaders, async (query, headers) => {
            const res = await client().get(`${path}?${query}`, headers);
            assertSafe(res, `GET ${path}?${query.slice(0, 200)}`);
          }),
          runs,
        );
      },
      timeout,
    );
  }

  fuzzForm('register', () => anonymous, () => '/register', () => ({ username: 'fuzzer', email: 'fuzzer@example.com', password: PASSWORD, confirmPassword: PASSWORD }));
  fuzzForm('log in', () => anonymous, () => '/login', () => ({ identifier: 'admin', password: 'not-the-password', next: '/cart' }));
  fuzzForm('profile', () => shopper, () => '/profile', () => ({ username: 'fuzz_profile', email: 'fuzz_profile@example.com' }));
  fuzzForm('password change', () => shopper, () => '/profile/password', () => ({
    currentPassword: 'not-the-password', newPassword: 'another password', confirmNewPassword: 'another password',
  }));
  fuzzForm('add to cart', () => shopper, () => '/cart/items', () => ({ productId: String(productId), quantity: '1', returnTo: '/shop', from: 'details' }));
  fuzzForm('cart update', () => shopper, () => `/cart/items/${productId}`, () => ({ quantity: '2' }), fillCart);
  fuzzForm('checkout', () => shopper, () => '/checkout', () => ({
    ...ADDRESS, paymentMethod: 'Visa', amountPaid: '100000', expectedCart: `${productId}x1@300`, checkoutToken: 'a'.repeat(48),
  }), fillCart);
  fuzzForm('review', () => shopper, () => `/products/${productId}/reviews`, () => ({ rating: '4', comment: 'Fuzzed\nreview' }));
  fuzzForm('product form', () => staff, () => '/admin/products', () => ({
    name: 'Fuzzed product', description: 'Made by the fuzzer', category: 'Fuzz', stock: '5', unitPrice: '4.50', visible: 'on',
  }));
  fuzzForm('product edit', () => staff, () => `/admin/products/${productId}`, () => ({
    name: 'Fuzz Lamp', description: '', category: 'Fuzz', stock: '1000000', unitPrice: '3.00', visible: 'on', version: '1',
  }));
  fuzzForm('inline product edit', () => staff, () => `/admin/products/${productId}/inline`, () => ({ stock: '1000000', unitPrice: '3.00', visible: 'on', version: '1' }));

  fuzzQuery('shop filters', () => anonymous, '/shop', { name: 'lamp', category: 'Fuzz', sort: 'price_asc', page: '2' });
  fuzzQuery('admin product filters', () => staff, '/admin/products', { name: 'lamp', category: 'Fuzz', sort: 'newest', visibility: 'hidden', page: '1' });
  fuzzQuery('availability', () => anonymous, '/register/availability', { username: 'someone', email: 'someone@example.com' });
  fuzzQuery('log-in page', () => anonymous, '/login', { next: '/cart', logged_out: '1' });

  it(
    'ids in paths',
    async () => {
      const pages = [
        (id: string) => ({ client: anonymous, method: 'get', path: `/products/${id}` }),
        (id: string) => ({ client: staff, method: 'get', path: `/admin/products/${id}/edit` }),
        (id: string) => ({ client: shopper, method: 'get', path: `/orders/${id}` }),
        (id: string) => ({ client: shopper, method: 'get', path: `/orders/${id}/confirmation` }),
        (id: string) => ({ client: shopper, method: 'post', path: `/cart/items/${id}/remove` }),
        (id: string) => ({ client: shopper, method: 'post', path: `/cart/items/${id}` }),
        (id: string) => ({ client: shopper, method: 'post', path: `/products/${id}/reviews` }),
        (id: string) => ({ client: staff, method: 'post', path: `/products/${productId}/reviews/${id}/hide` }),
      ] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...pages), pathSegment, htmxHeaders, async (page, segment, headers) => {
          const { client, method, path } = page(segment);
          const res =
            method === 'get'
              ? await client.get(path, headers)
              : await client.post(path, 'quantity=1', { type: 'application/x-www-form-urlencoded', csrf: 'valid', headers });
          assertSafe(res, `${method.toUpperCase()} ${path}`);
        }),
        runs,
      );
    },
    timeout,
  );
});
