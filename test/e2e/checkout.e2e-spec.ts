import { agent, HTMX_PARTIAL, type Agent } from '../support/http';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { addToCart, openCheckout, placeOrder } from '../support/checkout';
import { createTestApp, type TestApp } from '../support/test-app';

describe('checkout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);

  async function buyer(): Promise<{ client: Agent; userId: number }> {
    const client = agent(t.server);
    const account = await signedUp(client, 'buyer');
    const [row] = await sql('select id from users where username = ?', [account.username]);
    return { client, userId: row.id };
  }

  async function counts(userId: number) {
    const [row] = await sql(
      `select (select count(*)::int from orders where user_id = ?) as orders,
              (select count(*)::int from order_items i join orders o on o.id = i.order_id where o.user_id = ?) as items,
              (select count(*)::int from cart where user_id = ?) as cart`,
      [userId, userId, userId],
    );
    return row;
  }

  const stockOf = async (id: number) => (await sql('select stock from products where id = ?', [id]))[0].stock;

  it('places an order with the longest address the form allows, kept whole', async () => {
    const { client, userId } = await buyer();
    const product = await insertProduct(t.em(), { name: 'Long Address Lamp', price: '5.00', stock: 3 });
    await addToCart(client, product, 1);
    const { fields } = await openCheckout(client);
    const longest = {
      firstName: 'F'.repeat(60), lastName: 'L'.repeat(60), address: 'A'.repeat(200), apartment: 'P'.repeat(60),
      city: 'C'.repeat(100), state: 'S'.repeat(100), country: 'N'.repeat(100), zipCode: 'Z'.repeat(10),
    };
    const res = await placeOrder(client, { ...fields, ...longest });
    expect(res.status).toBe(303);
    const [order] = await sql('select address, address_fields from orders where user_id = ?', [userId]);
    expect(order.address).toHaveLength(702);
    expect(order.address.startsWith(`${longest.firstName} ${longest.lastName}, ${longest.address}`)).toBe(true);
    expect(order.address_fields).toEqual(longest);
  });

  it('places an order: items at current prices, stock taken, cart emptied, confirmation shown', async () => {
    const { client, userId } = await buyer();
    const mug = await insertProduct(t.em(), { name: 'Order Mug', price: '19.99', stock: 10 });
    const dime = await insertProduct(t.em(), { name: 'Order Dime', price: '0.10', stock: 5 });
    await addToCart(client, mug, 7);
    await addToCart(client, dime, 3);
    const { page, fields } = await openCheckout(client, { paymentMethod: 'Cash', amountPaid: '150' });
    expect(page.text).toContain('<strong id="checkout-total">$140.23</strong>');
    expect(page.text).not.toContain('value="Ada"'); // nothing to prefill before the first order

    const res = await placeOrder(client, fields);
    expect(res.status).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/orders\/\d+\/confirmation$/);
    const [order] = await sql('select id, total_price::text as total, money_received::text as paid, payment_method, address from orders where user_id = ?', [userId]);
    expect(order).toMatchObject({ total: '140.23', paid: '150.00', payment_method: 'Cash' });
    expect(order.address).toBe('Ada Lovelace, 12 Analytical Row, Flat 3, London, Greater London W1 1AA, United Kingdom');
    const items = await sql('select product_id, quantity, unit_price::text as price from order_items where order_id = ? order by product_id', [order.id]);
    expect(items).toEqual([
      { product_id: mug, quantity: 7, price: '19.99' },
      { product_id: dime, quantity: 3, price: '0.10' },
    ]);
    expect(await stockOf(mug)).toBe(3);
    expect(await stockOf(dime)).toBe(2);
    expect((await counts(userId)).cart).toBe(0);

    const confirmation = await client.get(location).expect(200);
    for (const text of ['Thank you', 'Order Mug', '$139.93', 'Order Dime', '$0.30', '$140.23', 'Cash', '$150.00', '$9.77', 'Ada Lovelace, 12 Analytical Row']) {
      expect(confirmation.text).toContain(text);
    }
    // The next checkout is prefilled from this order.
    await addToCart(client, mug, 1);
    const next = await client.get('/checkout');
    expect(next.text).toContain('value="Ada"');
    expect(next.text).toContain('value="W1 1AA"');
  });

  it('answers htmx with HX-Location to the confirmation', async () => {
    const { client } = await buyer();
    await addToCart(client, await insertProduct(t.em(), { name: 'Htmx Order' }), 1);
    const { fields } = await openCheckout(client);
    const res = await placeOrder(client, fields, HTMX_PARTIAL);
    expect(res.headers['hx-location']).toMatch(/^\/orders\/\d+\/confirmation$/);
    expect(res.headers['hx-trigger']).toContain('cart-changed');
  });

  it.each([
    [{ paymentMethod: 'Bitcoin' }, 'paymentMethod', 'Choose a payment method'],
    [{ paymentMethod: '' }, 'paymentMethod', 'Choose a payment method'],
    [{ amountPaid: 'abc' }, 'amountPaid', 'Amount paid must be an amount like 25.00'],
    [{ amountPaid: '12.345' }, 'amountPaid', 'Amount paid must be an amount like 25.00'],
    [{ amountPaid: '-5' }, 'amountPaid', 'Amount paid must be an amount like 25.00'],
    [{ amountPaid: '' }, 'amountPaid', 'Enter the amount paid.'],
    [{ firstName: '' }, 'firstName', 'Enter your first name.'],
    [{ lastName: 'x'.repeat(61) }, 'lastName', 'Last name can be at most 60 characters.'],
    [{ address: '' }, 'address', 'Enter your address.'],
    [{ city: '' }, 'city', 'Enter your city.'],
    [{ country: 'United States', state: '' }, 'state', 'Enter your state.'],
    [{ country: 'Canada', state: ' ' }, 'state', 'Enter your state.'],
    [{ country: 'Australia', state: '' }, 'state', 'Enter your state.'],
    [{ state: 'S'.repeat(101) }, 'state', 'State can be at most 100 characters.'],
    [{ country: '' }, 'country', 'Enter your country.'],
    [{ zipCode: '' }, 'zipCode', 'Enter your zip code.'],
    [{ zipCode: '12' }, 'zipCode', 'Zip code must be 3 to 10 letters, digits, spaces or hyphens.'],
    [{ zipCode: '12345678901' }, 'zipCode', 'Zip code must be 3 to 10'],
    [{ zipCode: '12$45' }, 'zipCode', 'Zip code must be 3 to 10'],
  ] as [Record<string, string>, string, string][])('refuses %o beside the field, keeping the rest, writing nothing', async (bad, field, message) => {
    const { client, userId } = await buyer();
    const id = await insertProduct(t.em(), { name: `Validated ${field}`, stock: 4 });
    await addToCart(client, id, 2);
    const { fields } = await openCheckout(client);
    const res = await placeOrder(client, { ...fields, ...bad });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="${field}-error">${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    if (field !== 'city') expect(res.text).toContain('value="London"');
    expect(await counts(userId)).toEqual({ orders: 0, items: 0, cart: 1 });
    expect(await stockOf(id)).toBe(4);
  });

  it('takes an empty State where the country has none (the United Kingdom)', async () => {
    const { client, userId } = await buyer();
    await addToCart(client, await insertProduct(t.em(), { name: 'No State' }), 1);
    const { page, fields } = await openCheckout(client);
    expect(page.text).toContain('<label for="state">State</label>');
    expect(/<input id="state"[^>]*>/.exec(page.text)![0]).not.toContain('required');
    expect((await placeOrder(client, { ...fields, state: '' })).status).toBe(303);
    const [order] = await sql('select address, address_fields from orders where user_id = ?', [userId]);
    expect(order.address).toBe('Ada Lovelace, 12 Analytical Row, Flat 3, London, W1 1AA, United Kingdom');
    expect(order.address_fields.state).toBe('');
  });

  it('keeps everything typed when a State is missing where the country has one', async () => {
    const { client, userId } = await buyer();
    await addToCart(client, await insertProduct(t.em(), { name: 'Needs State' }), 1);
    const { fields } = await openCheckout(client);
    const res = await placeOrder(client, { ...fields, country: 'United States of America', state: '', city: 'Boston', zipCode: '02108' }, HTMX_PARTIAL);
    expect(res.status).toBe(422);
    for (const kept of ['value="Ada"', 'value="Lovelace"', 'value="12 Analytical Row"', 'value="Flat 3"', 'value="Boston"', 'value="02108"', 'value="United States of America"', 'value="100000"']) {
      expect(res.text).toContain(kept);
    }
    expect(res.text).toContain('<option value="Visa" selected>');
    expect(res.text).toContain('aria-invalid="true" aria-describedby="state-error state-hint"');
    expect(res.text).toContain('<a href="#state">State</a>');
    expect(await counts(userId)).toEqual({ orders: 0, items: 0, cart: 1 });
  });

  it('takes the apartment as optional', async () => {
    const { client, userId } = await buyer();
    await addToCart(client, await insertProduct(t.em(), { name: 'No Apartment' }), 1);
    const { fields } = await openCheckout(client);
    expect((await placeOrder(client, { ...fields, apartment: '' })).status).toBe(303);
    expect((await counts(userId)).orders).toBe(1);
  });

  it('refuses a payment below the total with the amounts', async () => {
    const { client, userId } = await buyer();
    await addToCart(client, await insertProduct(t.em(), { name: 'Pricey', price: '30.00' }), 2);
    const { fields } = await openCheckout(client, { amountPaid: '59.99' });
    const res = await placeOrder(client, fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Amount paid $59.99 is less than the total $60.00.');
    expect(await counts(userId)).toEqual({ orders: 0, items: 0, cart: 1 });
  });

  it('cannot check out an empty cart', async () => {
    const { client, userId } = await buyer();
    const page = await client.get('/checkout').expect(200);
    expect(page.text).toContain('Your cart is empty.');
    expect(page.text).not.toContain('Place order');
    const { fields } = await openCheckout(client);
    const res = await placeOrder(client, { ...fields, _csrf: fields._csrf, checkoutToken: 'a'.repeat(48), expectedCart: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Your cart is empty');
    expect((await counts(userId)).orders).toBe(0);
  });

  it.each([
    ['up', '12.00'],
    ['down', '8.00'],
  ])('notices a price that went %s, asks again, then charges the new price', async (_direction, newPrice) => {
    const { client, userId } = await buyer();
    const id = await insertProduct(t.em(), { name: `Moving price ${newPrice}`, price: '10.00' });
    await addToCart(client, id, 2);
    const { fields } = await openCheckout(client);
    expect(fields.expectedCart).toBe(`${id}x2@1000`);
    await sql('update products set unit_price = ? where id = ?', [newPrice, id]);

    const first = await placeOrder(client, fields);
    expect(first.status).toBe(422);
    expect(first.text).toContain(`Prices changed since you opened this page. The new total is $${(Number(newPrice) * 2).toFixed(2)}`);
    expect(first.text).toContain(`Price changed: was $10.00 in your cart, now $${newPrice}`);
    expect((await counts(userId)).orders).toBe(0);

    // The page now carries the new total: Place order again confirms it.
    const again = await placeOrder(client, { ...fields, expectedCart: /name="expectedCart" value="([^"]+)"/.exec(first.text)![1] });
    expect(again.status).toBe(303);
    const [item] = await sql('select i.unit_price::text as price from order_items i join orders o on o.id = i.order_id where o.user_id = ?', [userId]);
    expect(item.price).toBe(newPrice);
  });

  it('asks again when the cart changed in another tab, even if the total did not', async () => {
    const { client, userId } = await buyer();
    const ten = await insertProduct(t.em(), { name: 'Ten Dollar Thing', price: '10.00' });
    const twenty = await insertProduct(t.em(), { name: 'Twenty Dollar Thing', price: '20.00' });
    await addToCart(client, ten, 2);
    const { fields } = await openCheckout(client);
    // Another tab swaps the lines for others of the same total.
    const token = /name="_csrf" value="([^"]+)"/.exec((await client.get('/cart')).text)![1];
    await client.post(`/cart/items/${ten}/remove`).type('form').send({ _csrf: token });
    await addToCart(client, twenty, 1);
    const res = await placeOrder(client, fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Your cart changed since you opened this page. The new total is $20.00');
    expect((await counts(userId)).orders).toBe(0);
  });

  it('shows a price change together with form errors, so the next submit confirms it knowingly', async () => {
    const { client } = await buyer();
    const id = await insertProduct(t.em(), { name: 'Sneaky Price', price: '10.00' });
    await addToCart(client, id, 1);
    const { fields } = await openCheckout(client);
    await sql('update products set unit_price = 15 where id = ?', [id]);
    const res = await placeOrder(client, { ...fields, zipCode: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter your zip code.');
    expect(res.text).toContain('Prices changed since you opened this page. The new total is $15.00');
  });

  it('says how much can be paid at most', async () => {
    const { client } = await buyer();
    await addToCart(client, await insertProduct(t.em(), { name: 'Modest' }), 1);
    const { fields } = await openCheckout(client, { amountPaid: '9999999999999.99' });
    const res = await placeOrder(client, fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Amount paid can be at most $999,999,999.99.');
  });

  it('ignores another buyer\'s checkout token: it neither fails nor blocks', async () => {
    const first = await buyer();
    await addToCart(first.client, await insertProduct(t.em(), { name: 'Token A' }), 1);
    const a = await openCheckout(first.client);
    expect((await placeOrder(first.client, a.fields)).status).toBe(303);
    const second = await buyer();
    await addToCart(second.client, await insertProduct(t.em(), { name: 'Token B' }), 1);
    const b = await openCheckout(second.client);
    const res = await placeOrder(second.client, { ...b.fields, checkoutToken: a.fields.checkoutToken });
    expect(res.status).toBe(303);
    expect((await counts(second.userId)).orders).toBe(1);
  });

  it('names each product that is short or hidden, and writes nothing', async () => {
    const { client, userId } = await buyer();
    const mug = await insertProduct(t.em(), { name: 'Blue Mug', stock: 5 });
    const hat = await insertProduct(t.em(), { name: 'Gone Hat', stock: 5 });
    const ok = await insertProduct(t.em(), { name: 'Fine Pen', stock: 5 });
    await addToCart(client, mug, 5);
    await addToCart(client, hat, 1);
    await addToCart(client, ok, 1);
    const { fields } = await openCheckout(client);
    await sql('update products set stock = 2 where id = ?', [mug]);
    await sql('update products set visibility = false where id = ?', [hat]);
    const res = await placeOrder(client, fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Blue Mug: only 2 left, you asked for 5.');
    expect(res.text).toContain('Gone Hat: no longer available.');
    expect(res.text).not.toContain('Fine Pen: ');
    expect(await counts(userId)).toEqual({ orders: 0, items: 0, cart: 3 });
    expect([await stockOf(mug), await stockOf(hat), await stockOf(ok)]).toEqual([2, 5, 5]);
  });

  it('returns the first order when the same form is sent again', async () => {
    const { client, userId } = await buyer();
    await addToCart(client, await insertProduct(t.em(), { name: 'Twice Sent' }), 1);
    const { fields } = await openCheckout(client);
    const first = await placeOrder(client, fields);
    const second = await placeOrder(client, fields);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect((await counts(userId)).orders).toBe(1);
  });

  it('returns the first order when the same form is sent again after the same cart was filled again', async () => {
    const { client, userId } = await buyer();
    const id = await insertProduct(t.em(), { name: 'Refilled', stock: 10 });
    await addToCart(client, id, 2);
    const { fields } = await openCheckout(client);
    const first = await placeOrder(client, fields);
    await addToCart(client, id, 2); // the very cart the form was made for, so its signature matches
    const second = await placeOrder(client, fields);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await counts(userId)).toEqual({ orders: 1, items: 1, cart: 1 });
    expect(await stockOf(id)).toBe(8);
  });

  it('makes one order from the same form posted 10 times at once', async () => {
    const { client, userId } = await buyer();
    const id = await insertProduct(t.em(), { name: 'Ten Clicks', stock: 50 });
    await addToCart(client, id, 2);
    const { fields } = await openCheckout(client);
    const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(client, fields)));
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(new Set(results.map((r) => r.headers.location)).size).toBe(1);
    expect(await counts(userId)).toEqual({ orders: 1, items: 1, cart: 0 });
    expect(await stockOf(id)).toBe(48);
  });

  /**
   * Injects a failure into one step of the unit of work: a trigger that refuses `event` on
   * `table` for this product. Everything before that step must be rolled back with it.
   */
  it.each([
    ['the order lines (step 6)', 'insert', 'order_items', 'new'],
    ['emptying the cart (step 8, the last)', 'delete', 'cart', 'old'],
  ])('rolls everything back when %s fails', async (_step, event, table, row) => {
    const { client, userId } = await buyer();
    const id = await insertProduct(t.em(), { name: `Doomed ${table}`, stock: 5 });
    await addToCart(client, id, 2);
    const { fields } = await openCheckout(client);
    await sql(`create function inject_failure() returns trigger language plpgsql as $$
      begin if ${row}.product_id = ${id} then raise exception 'injected failure'; end if; return ${row}; end $$`);
    await sql(`create trigger inject_failure before ${event} on ${table} for each row execute function inject_failure()`);
    try {
      const res = await placeOrder(client, fields);
      expect(res.status).toBe(500);
      expect(res.text).toContain('Something went wrong');
      expect(res.text).not.toContain('injected failure');
    } finally {
      await sql(`drop trigger inject_failure on ${table}`);
      await sql('drop function inject_failure()');
    }
    expect(await counts(userId)).toEqual({ orders: 0, items: 0, cart: 1 });
    expect(await stockOf(id)).toBe(5);
  });

  describe('histories and access', () => {
    it('lists the buyer\'s 10 most recent orders, newest first, and shows each to the buyer and staff only', async () => {
      const { client, userId } = await buyer();
      const id = await insertProduct(t.em(), { name: 'Habit', stock: 100, price: '1.00' });
      const ids: number[] = [];
      for (let i = 1; i <= 12; i += 1) {
        await addToCart(client, id, i);
        const { fields } = await openCheckout(client);
        const res = await placeOrder(client, fields);
        ids.push(Number(/\/orders\/(\d+)\//.exec(res.headers.location)![1]));
      }
      const history = await client.get('/orders').expect(200);
      const listed = [...history.text.matchAll(/href="\/orders\/(\d+)">Order/g)].map((m) => Number(m[1]));
      expect(listed).toEqual(ids.slice(2).reverse());
      expect(history.text).toContain('<td>12</td><td>$12.00</td>');

      const latest = ids[ids.length - 1];
      await client.get(`/orders/${latest}`).expect(200);
      const stranger = agent(t.server);
      await signedUp(stranger);
      await stranger.get(`/orders/${latest}`).expect(404);
      await stranger.get(`/orders/${latest}/confirmation`).expect(404);
      await stranger.get('/orders/999999').expect(404);
      const { client: staff } = await signedInWithRole(t.server, t.em(), 'shop_owner');
      const seen = await staff.get(`/orders/${latest}`).expect(200);
      expect(seen.text).toContain('$12.00');
      const all = await staff.get('/admin/orders').expect(200);
      expect(all.text).toContain(`href="/orders/${latest}"`);
      const [me] = await sql('select username from users where id = ?', [userId]);
      expect(all.text).toContain(`<td>${me.username}</td>`);
      await stranger.get('/admin/orders').expect(403);
    });
  });
});
