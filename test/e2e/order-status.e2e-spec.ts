import { agent, csrfFrom, HTMX_PARTIAL, type Agent } from '../support/http';
import { signedInWithRole, signedUp, type NewAccount } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { addToCart, openCheckout, placeOrder } from '../support/checkout';
import { insertOrder } from '../support/orders';
import { createTestApp, type TestApp } from '../support/test-app';

/** The contract's "Order status": every move, allowed and refused, by staff and by the buyer. */
describe('order status', () => {
  let t: TestApp;
  let staff: Agent;
  let buyer: Agent;
  let buyerAccount: NewAccount;
  let other: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedInWithRole(t.server, t.em(), 'shop_owner')).client;
    buyer = agent(t.server);
    buyerAccount = await signedUp(buyer, 'buyer');
    other = agent(t.server);
    await signedUp(other, 'other');
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);
  const stockOf = async (id: number) => Number((await sql('select stock from products where id = ?', [id]))[0].stock);
  const statusOf = async (id: number) => (await sql('select status from orders where id = ?', [id]))[0].status as string;

  /** Posts a status form the way the order page's button does. */
  async function press(client: Agent, orderId: number, action: 'ship' | 'deliver' | 'cancel', headers: Record<string, string> = {}) {
    const page = await client.get(`/orders/${orderId}`);
    const token = page.status === 200 ? csrfFrom(page.text) : csrfFrom((await client.get('/account')).text);
    return client.post(`/orders/${orderId}/${action}`).set(headers).type('form').send({ _csrf: token });
  }

  async function newOrder(lines: { stock: number; quantity: number; visible?: boolean }[], status: 'placed' | 'shipped' | 'delivered' | 'cancelled' = 'placed') {
    const products: number[] = [];
    for (const [i, line] of lines.entries()) {
      products.push(await insertProduct(t.em(), { name: `Status item ${Date.now()}-${i}`, stock: line.stock, visible: line.visible }));
    }
    const id = await insertOrder(t.em(), {
      username: buyerAccount.username,
      created: new Date().toISOString(),
      status,
      lines: lines.map((line, i) => ({ productId: products[i], quantity: line.quantity, price: '4.00' })),
    });
    return { id, products };
  }

  it('places an order as Placed and shows the status on the confirmation, the order and both histories', async () => {
    const product = await insertProduct(t.em(), { name: 'Checked-out Mug', stock: 5 });
    await addToCart(buyer, product, 2);
    const { fields } = await openCheckout(buyer);
    const placed = await placeOrder(buyer, fields);
    expect(placed.status).toBe(303);
    const orderId = Number(/\/orders\/(\d+)\/confirmation/.exec(placed.headers.location)![1]);
    expect(await statusOf(orderId)).toBe('placed');
    expect((await buyer.get(`/orders/${orderId}/confirmation`)).text).toContain('Status: Placed');
    expect((await buyer.get(`/orders/${orderId}`)).text).toContain('Status: Placed');
    const mine = await buyer.get('/orders');
    expect(mine.text).toMatch(new RegExp(`Order #${orderId}</a></td><td>.*?</td><td>Placed</td>`));
    const all = await staff.get('/admin/orders');
    expect(all.text).toMatch(new RegExp(`Order #${orderId}</a></td><td>.*?</td><td>${buyerAccount.username}</td><td>Placed</td>`));
  });

  it('lets staff ship then deliver, recording when and by whom, and shows the buttons the status allows', async () => {
    const { id } = await newOrder([{ stock: 3, quantity: 1 }]);
    let page = (await staff.get(`/orders/${id}`)).text;
    expect(page).toContain('Mark shipped');
    expect(page).toContain('Cancel order');
    expect(page).not.toContain('Mark delivered');

    const shipped = await press(staff, id, 'ship');
    expect(shipped.status).toBe(303);
    expect(shipped.headers.location).toBe(`/orders/${id}`);
    page = (await staff.get(`/orders/${id}`)).text;
    expect(page).toContain('Status: Shipped');
    expect(page).toContain('Order marked shipped.');
    expect(page).toContain('Mark delivered');
    expect(page).not.toContain('Mark shipped');
    expect(page).not.toContain('Cancel order');

    expect((await press(staff, id, 'deliver')).status).toBe(303);
    page = (await staff.get(`/orders/${id}`)).text;
    expect(page).toContain('Status: Delivered');
    expect(page).not.toMatch(/Mark shipped|Mark delivered|Cancel order/);
    const [row] = await sql(
      `select o.shipped_at is not null as shipped, o.delivered_at is not null as delivered, s.username as shipper, d.username as deliverer
         from orders o join users s on s.id = o.shipped_by join users d on d.id = o.delivered_by where o.id = ?`,
      [id],
    );
    expect(row.shipped && row.delivered).toBe(true);
    expect(row.shipper).toMatch(/^shop_owner/);
    expect(row.deliverer).toBe(row.shipper);
    // The buyer sees the dates, not the staff member's name.
    const buyerPage = (await buyer.get(`/orders/${id}`)).text;
    expect(buyerPage).toContain('Status: Delivered');
    expect(buyerPage).toMatch(/Shipped <time/);
    expect(buyerPage).not.toContain(row.shipper);
  });

  it.each([
    ['placed', 'deliver', 'This order has not been shipped yet: mark it shipped first.'],
    ['shipped', 'ship', 'This order is already shipped.'],
    ['shipped', 'cancel', 'This order has been shipped: it can no longer be cancelled.'],
    ['delivered', 'ship', 'This order is already delivered.'],
    ['delivered', 'deliver', 'This order is already delivered.'],
    ['delivered', 'cancel', 'This order has been delivered: it can no longer be cancelled.'],
    ['cancelled', 'ship', 'This order is already cancelled.'],
    ['cancelled', 'deliver', 'This order is already cancelled.'],
    ['cancelled', 'cancel', 'This order is already cancelled.'],
  ] as const)('refuses staff a move from %s (%s) with 409, changing nothing', async (status, action, message) => {
    const { id, products } = await newOrder([{ stock: 2, quantity: 1 }], status);
    const before = (await sql('select * from orders where id = ?', [id]))[0];
    const res = await press(staff, id, action);
    expect(res.status).toBe(409);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`Status: ${status[0].toUpperCase()}${status.slice(1)}`);
    expect((await sql('select * from orders where id = ?', [id]))[0]).toEqual(before);
    expect(await stockOf(products[0])).toBe(2);
  });

  it('lets the buyer cancel a placed order, putting every line back in stock, hidden products too', async () => {
    const { id, products } = await newOrder([{ stock: 1, quantity: 2 }, { stock: 0, quantity: 3, visible: false }]);
    expect((await buyer.get(`/orders/${id}`)).text).toContain('Cancel order');
    const res = await press(buyer, id, 'cancel');
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('cancelled');
    expect([await stockOf(products[0]), await stockOf(products[1])]).toEqual([3, 3]);
    const page = (await buyer.get(`/orders/${id}`)).text;
    expect(page).toContain('Status: Cancelled');
    expect(page).toContain('Order cancelled: its items are back in stock.');
    expect(page).not.toContain('>Cancel order<');
    // The confirmation page, revisited, tells the truth too: no "is placed" for a cancelled order.
    const confirmation = (await buyer.get(`/orders/${id}/confirmation`)).text;
    expect(confirmation).toContain('Status: Cancelled');
    expect(confirmation).not.toMatch(/is placed/i);

    // A second cancel (another tab): told so, and the stock is not put back twice.
    const again = await press(buyer, id, 'cancel');
    expect(again.status).toBe(409);
    expect(again.text).toContain('This order is already cancelled');
    expect([await stockOf(products[0]), await stockOf(products[1])]).toEqual([3, 3]);
  });

  it('lets staff cancel a placed order with the same restock', async () => {
    const { id, products } = await newOrder([{ stock: 4, quantity: 5 }]);
    expect((await press(staff, id, 'cancel')).status).toBe(303);
    expect(await stockOf(products[0])).toBe(9);
    expect(await statusOf(id)).toBe('cancelled');
  });

  it('gives the buyer only Cancel, only while placed, and refuses ship and deliver', async () => {
    const { id } = await newOrder([{ stock: 1, quantity: 1 }]);
    const page = (await buyer.get(`/orders/${id}`)).text;
    expect(page).not.toMatch(/Mark shipped|Mark delivered/);
    expect((await press(buyer, id, 'ship')).status).toBe(403);
    expect((await press(buyer, id, 'deliver')).status).toBe(403);
    expect(await statusOf(id)).toBe('placed');

    const { id: shippedId } = await newOrder([{ stock: 1, quantity: 1 }], 'shipped');
    expect((await buyer.get(`/orders/${shippedId}`)).text).not.toContain('Cancel order');
    const refused = await press(buyer, shippedId, 'cancel');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('it can no longer be cancelled');
  });

  it("answers 404 for another user's order: no page, no confirmation, no cancel", async () => {
    const { id, products } = await newOrder([{ stock: 1, quantity: 1 }]);
    expect((await other.get(`/orders/${id}`)).status).toBe(404);
    expect((await other.get(`/orders/${id}/confirmation`)).status).toBe(404);
    expect((await press(other, id, 'cancel')).status).toBe(404);
    expect(await statusOf(id)).toBe('placed');
    expect(await stockOf(products[0])).toBe(1);
    expect((await press(staff, 999999, 'ship')).status).toBe(404);
  });

  it('swaps only the status block for htmx, and says why a refused move changed nothing', async () => {
    const { id } = await newOrder([{ stock: 1, quantity: 1 }]);
    const shipped = await press(staff, id, 'ship', HTMX_PARTIAL);
    expect(shipped.status).toBe(200);
    expect(shipped.text.trim()).toMatch(/^<section id="order-status"/);
    expect(shipped.text).toContain('Status: Shipped');
    expect(shipped.text).toContain('Mark delivered');
    expect(shipped.text).not.toContain('<html');

    const refused = await press(staff, id, 'ship', HTMX_PARTIAL);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('This order is already shipped.');
    expect(refused.text.trim()).toMatch(/^<section id="order-status"/);
  });

  it('asks for confirmation before cancelling (with JavaScript) and still works as a plain form', async () => {
    const { id } = await newOrder([{ stock: 1, quantity: 1 }]);
    const page = (await buyer.get(`/orders/${id}`)).text;
    expect(page).toMatch(new RegExp(`<form method="post" action="/orders/${id}/cancel"[^>]*hx-confirm="Cancel order #${id}\\?`));
  });
});
