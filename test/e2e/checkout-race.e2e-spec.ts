import { agent, type Agent } from '../support/http';
import { signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { addToCart, openCheckout, placeOrder } from '../support/checkout';
import { createTestApp, type TestApp } from '../support/test-app';
import { SERVER_URL } from '../support/test-database';
import { Client } from 'pg';

/**
 * Needs a second connection holding a row lock while the app waits on it: only a PostgreSQL
 * server can do that (PGlite runs one transaction at a time). CI runs it in its server pass.
 */
const onServer = SERVER_URL ? it : it.skip;

/**
 * Concurrency. These run on both databases; the one that matters is the PostgreSQL server
 * (DATABASE_URL), where transactions really run side by side and row locks decide.
 */
describe('checkout under contention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);

  async function buyers(count: number): Promise<Agent[]> {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const client = agent(t.server);
        await signedUp(client, 'racer');
        return client;
      }),
    );
  }

  it('sells a stock of 10 to exactly 10 of 50 buyers checking out at the same moment', async () => {
    const id = await insertProduct(t.em(), { name: 'Last Ten', stock: 10, price: '5.00' });
    const clients = await buyers(50);
    for (const client of clients) await addToCart(client, id, 1);
    const forms = await Promise.all(clients.map((client) => openCheckout(client)));

    const results = await Promise.all(clients.map((client, i) => placeOrder(client, forms[i].fields)));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(40);
    for (const refused of results.filter((r) => r.status === 422)) {
      expect(refused.text).toContain('Last Ten: only 0 left, you asked for 1.');
    }
    const [stock] = await sql('select stock from products where id = ?', [id]);
    expect(stock.stock).toBe(0);
    const [orders] = await sql('select count(*)::int as n, coalesce(sum(i.quantity), 0)::int as sold from order_items i where i.product_id = ?', [id]);
    expect(orders).toEqual({ n: 10, sold: 10 });
  }, 120_000);

  onServer('keeps a line added in another tab while the checkout was running', async () => {
    const p = await insertProduct(t.em(), { name: 'Locked Pen', stock: 5 });
    const q = await insertProduct(t.em(), { name: 'Late Addition', stock: 5 });
    const [client] = await buyers(1);
    await addToCart(client, p, 1);
    const { fields } = await openCheckout(client);
    // Hold the product's row lock so that the checkout stops at step 2...
    const blocker = new Client({ connectionString: t.database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('select id from products where id = $1 for update', [p]);
    // (supertest sends a request only once it is awaited or then-ed)
    const placing = placeOrder(client, fields).then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // ...while another tab adds a new line, which commits at once.
    await addToCart(client, q, 1);
    await blocker.query('commit');
    await blocker.end();
    expect((await placing).status).toBe(303);
    const cart = await sql(`select product_id from cart c join users u on u.id = c.user_id where c.product_id in (?, ?)`, [p, q]);
    expect(cart).toEqual([{ product_id: q }]);
  });

  it('lets carts holding the same products in opposite order check out without a deadlock', async () => {
    const a = await insertProduct(t.em(), { name: 'Pair A', stock: 100 });
    const b = await insertProduct(t.em(), { name: 'Pair B', stock: 100 });
    const clients = await buyers(12);
    for (const [i, client] of clients.entries()) {
      // Half add A then B, half B then A.
      for (const id of i % 2 ? [a, b] : [b, a]) await addToCart(client, id, 1);
    }
    const forms = await Promise.all(clients.map((client) => openCheckout(client)));
    const results = await Promise.all(clients.map((client, i) => placeOrder(client, forms[i].fields)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(303));
    const rows = await sql('select id, stock from products where id in (?, ?) order by id', [a, b]);
    expect(rows.map((row) => Number(row.stock))).toEqual([88, 88]);
  }, 120_000);
});
