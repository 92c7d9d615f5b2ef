import { agent, type Agent } from '../support/http';
import { signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { addToCart, openCheckout, placeOrder } from '../support/checkout';
import { createTestApp, type TestApp } from '../support/test-app';

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
