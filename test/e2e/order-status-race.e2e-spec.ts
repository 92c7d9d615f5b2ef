import { Client } from 'pg';
import { agent, csrfFrom, type Agent } from '../support/http';
import { signedInWithRole, signedUp, type NewAccount } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { addToCart, openCheckout, placeOrder } from '../support/checkout';
import { insertOrder } from '../support/orders';
import { createTestApp, type TestApp } from '../support/test-app';
import { SERVER_URL } from '../support/test-database';

/**
 * The tests that hold a row lock from a second connection while the app's requests queue
 * behind it need a PostgreSQL server: PGlite runs one transaction at a time, so a held lock
 * would stop the app itself. CI runs them in its server pass.
 */
const onServer = SERVER_URL ? it : it.skip;

/** A status move happens once, even when two arrive at the same instant. */
describe('order status under contention', () => {
  let t: TestApp;
  let staff: Agent;
  let buyer: Agent;
  let account: NewAccount;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedInWithRole(t.server, t.em(), 'admin')).client;
    buyer = agent(t.server);
    account = await signedUp(buyer, 'racer');
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);
  const stockOf = async (id: number) => Number((await sql('select stock from products where id = ?', [id]))[0].stock);

  async function cancelForm(client: Agent, orderId: number) {
    const token = csrfFrom((await client.get(`/orders/${orderId}`).expect(200)).text);
    // (supertest sends a request only once it is awaited or then-ed)
    return () => client.post(`/orders/${orderId}/cancel`).type('form').send({ _csrf: token }).then((res) => res);
  }

  async function placedOrder(stock: number, quantity: number) {
    const product = await insertProduct(t.em(), { name: `Raced ${Date.now()}`, stock });
    const orderId = await insertOrder(t.em(), {
      username: account.username,
      created: new Date().toISOString(),
      lines: [{ productId: product, quantity, price: '3.00' }],
    });
    return { product, orderId };
  }

  it('restocks once when the buyer and staff cancel at the same instant', async () => {
    const { product, orderId } = await placedOrder(5, 2);
    const sends = [await cancelForm(buyer, orderId), await cancelForm(staff, orderId), await cancelForm(buyer, orderId)];
    const results = await Promise.all(sends.map((send) => send()));
    expect(results.map((res) => res.status).sort()).toEqual([303, 409, 409]);
    for (const loser of results.filter((res) => res.status === 409)) expect(loser.text).toContain('This order is already cancelled');
    expect(await stockOf(product)).toBe(7);
  });

  onServer('restocks once when two cancels wait on the same row lock and are released together', async () => {
    const { product, orderId } = await placedOrder(1, 4);
    const sends = [await cancelForm(buyer, orderId), await cancelForm(staff, orderId)];
    const blocker = new Client({ connectionString: t.database.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select id from orders where id = $1 for update', [orderId]);
      const racing = sends.map((send) => send());
      // Both cancels are now inside their transactions, waiting on the order's row.
      await waitForLockWaiters(blocker, 2);
      await blocker.query('commit');
      const results = await Promise.all(racing);
      expect(results.map((res) => res.status).sort()).toEqual([303, 409]);
      expect(results.find((res) => res.status === 409)!.text).toContain('This order is already cancelled');
    } finally {
      await blocker.end();
    }
    expect(await stockOf(product)).toBe(5);
    const [order] = await sql('select status from orders where id = ?', [orderId]);
    expect(order.status).toBe('cancelled');
  });

  onServer('keeps the stock exact when a cancel races a checkout of the same product', async () => {
    // 3 in stock, 4 more held by a placed order; another buyer checks out 2 while it is cancelled.
    const { product, orderId } = await placedOrder(3, 4);
    const shopper = agent(t.server);
    await signedUp(shopper, 'shopper');
    await addToCart(shopper, product, 2);
    const { fields } = await openCheckout(shopper);
    const cancel = await cancelForm(buyer, orderId);
    const blocker = new Client({ connectionString: t.database.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select id from products where id = $1 for update', [product]);
      const racing = [cancel(), placeOrder(shopper, fields).then((res) => res)];
      await waitForLockWaiters(blocker, 2);
      await blocker.query('commit');
      const [cancelled, placed] = await Promise.all(racing);
      expect(cancelled.status).toBe(303);
      expect(placed.status).toBe(303);
    } finally {
      await blocker.end();
    }
    expect(await stockOf(product)).toBe(3 + 4 - 2);
  });

  it('keeps the stock exact when many cancels and checkouts of one product run together', async () => {
    const product = await insertProduct(t.em(), { name: 'Busy Lamp', stock: 10 });
    const orders = await Promise.all(
      Array.from({ length: 5 }, () =>
        insertOrder(t.em(), { username: account.username, created: new Date().toISOString(), lines: [{ productId: product, quantity: 2, price: '3.00' }] }),
      ),
    );
    const shoppers = await Promise.all(Array.from({ length: 5 }, async () => {
      const client = agent(t.server);
      await signedUp(client, 'busy');
      await addToCart(client, product, 3);
      return { client, form: (await openCheckout(client)).fields };
    }));
    const cancels = await Promise.all(orders.map((id) => cancelForm(buyer, id)));
    const results = await Promise.all([
      ...cancels.map((send) => send()),
      ...shoppers.map(({ client, form }) => placeOrder(client, form).then((res) => res)),
    ]);
    const sold = results.slice(5).filter((res) => res.status === 303).length;
    expect(results.slice(0, 5).map((res) => res.status)).toEqual(Array(5).fill(303));
    // 10 + 5 × 2 returned = 20 at most; each successful checkout took 3.
    expect(await stockOf(product)).toBe(20 - 3 * sold);
    const [{ n }] = await sql(`select coalesce(sum(quantity), 0)::int as n from order_items i join orders o on o.id = i.order_id where i.product_id = ? and o.status = 'placed'`, [product]);
    expect(n).toBe(3 * sold);
  }, 120_000);
});

/** Waits until `count` other sessions wait for a lock (they are queued behind the blocker). */
async function waitForLockWaiters(blocker: Client, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await blocker.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows[0].n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} sessions ever waited for the lock`);
}
