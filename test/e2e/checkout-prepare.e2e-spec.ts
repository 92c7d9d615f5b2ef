import { RequestContext } from '@mikro-orm/core';
import { CheckoutService } from '../../src/orders/checkout.service';
import { signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { addToCart } from '../support/checkout';
import { agent } from '../support/http';
import { createTestApp, type TestApp } from '../support/test-app';

/** CheckoutService.prepare against a real database: what the page shows, and how the cart moved. */
describe('checkout prepare', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** Service calls run in a request context, as they do behind a request. */
  const prepare = (userId: number, expectedCart: string | undefined) =>
    RequestContext.create(t.orm.em, () => t.app.get(CheckoutService).prepare(userId, expectedCart));

  async function buyerWithCart() {
    const client = agent(t.server);
    const account = await signedUp(client);
    const [row] = await t.em().getConnection().execute('select id from users where username = ?', [account.username]);
    const mug = await insertProduct(t.em(), { name: 'Prepare Mug', price: '12.50', stock: 5 });
    const pen = await insertProduct(t.em(), { name: 'Prepare Pen', price: '0.10', stock: 50 });
    await addToCart(client, mug, 2);
    await addToCart(client, pen, 3);
    return { client, userId: row.id as number, mug, pen };
  }

  it('charges current prices, signs what it shows, and reports no change for the same signature', async () => {
    const { userId, mug, pen } = await buyerWithCart();
    const { summary, moved } = await prepare(userId, undefined);
    expect(summary.total).toBe(2 * 1250 + 3 * 10);
    expect(summary.lines.map((line) => [line.productId, line.quantity, line.currentCost])).toEqual([
      [mug, 2, 2500],
      [pen, 3, 30],
    ]);
    expect(summary.signature).toBe(`${mug}x2@1250,${pen}x3@10`);
    expect(moved).toBeUndefined();
    expect((await prepare(userId, summary.signature)).moved).toBeUndefined();
  });

  it('tells a price change from a cart change, with the new total', async () => {
    const { client, userId, mug, pen } = await buyerWithCart();
    const seen = (await prepare(userId, undefined)).summary.signature;
    await t.em().getConnection().execute('update products set unit_price = 13.00 where id = ?', [mug]);
    expect((await prepare(userId, seen)).moved).toEqual({ reason: 'changed', total: 2 * 1300 + 30, cartChanged: false });
    await addToCart(client, pen, 1);
    expect((await prepare(userId, seen)).moved).toEqual({ reason: 'changed', total: 2 * 1300 + 40, cartChanged: true });
  });

  it('reports no change once the cart is empty: the page says it is empty instead', async () => {
    const { userId } = await buyerWithCart();
    const seen = (await prepare(userId, undefined)).summary.signature;
    await t.em().getConnection().execute('delete from cart where user_id = ?', [userId]);
    const { summary, moved } = await prepare(userId, seen);
    expect(summary).toEqual({ lines: [], total: 0, signature: '' });
    expect(moved).toBeUndefined();
  });
});
