import request from 'supertest';
import { agent, csrfFrom, HTMX_PARTIAL, type Agent } from '../support/http';
import { signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { createTestApp, type TestApp } from '../support/test-app';
import { CartService } from '../../src/cart/cart.service';

describe('the cart', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function shopper(): Promise<{ client: Agent; token: string; userId: number }> {
    const client = agent(t.server);
    const account = await signedUp(client);
    const token = csrfFrom((await client.get('/account')).text);
    const [row] = await t.em().getConnection().execute('select id from users where username = ?', [account.username]);
    return { client, token, userId: row.id };
  }

  async function lines(userId: number) {
    return t.em().getConnection().execute(
      'select product_id, desired_quantity, unit_price::text as price from cart where user_id = ? order by product_id',
      [userId],
    );
  }

  const add = (s: { client: Agent; token: string }, productId: number, quantity: string, headers = {}) =>
    s.client.post('/cart/items').set(headers).type('form').send({ _csrf: s.token, productId: String(productId), quantity });
  const update = (s: { client: Agent; token: string }, productId: number, quantity: string, headers = {}) =>
    s.client.post(`/cart/items/${productId}`).set(headers).type('form').send({ _csrf: s.token, quantity });

  it('adds a product, and adding again adds up the quantity and refreshes the price', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Cart Mug', price: '4.00', stock: 10 });
    const first = await add(s, id, '2');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/cart');
    await t.em().getConnection().execute(`update products set unit_price = 4.50 where id = ?`, [id]);
    await add(s, id, '3');
    expect(await lines(s.userId)).toEqual([{ product_id: id, desired_quantity: 5, price: '4.50' }]);
    const stock = await t.em().getConnection().execute('select stock from products where id = ?', [id]);
    expect(stock[0].stock).toBe(10); // adding to the cart never touches the stock
  });

  it('refuses hidden and unknown products with 404', async () => {
    const s = await shopper();
    const hidden = await insertProduct(t.em(), { name: 'Hidden Cart Thing', visible: false });
    expect((await add(s, hidden, '1')).status).toBe(404);
    expect((await add(s, 999999, '1')).status).toBe(404);
    expect(await lines(s.userId)).toEqual([]);
  });

  it('refuses more than the stock with "Only N left", beside the Quantity field', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Scarce Lamp', stock: 3 });
    const res = await add(s, id, '5');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="quantity-error" role="alert">Only 3 left of Scarce Lamp\./);
    expect(res.text).toContain('value="5"');
    await add(s, id, '2');
    const more = await add(s, id, '2', HTMX_PARTIAL);
    expect(more.status).toBe(422);
    expect(more.text).toContain('Only 3 left of Scarce Lamp, and you already have 2 in your cart.');
    expect(more.headers['hx-retarget']).toBe('#messages');
    expect(await lines(s.userId)).toEqual([{ product_id: id, desired_quantity: 2, price: '10.00' }]);
  });

  it('answers a refused add without JavaScript with the whole product page again, its reviews too', async () => {
    const s = await shopper();
    const reviewer = await shopper();
    const id = await insertProduct(t.em(), { name: 'Reviewed Lamp', stock: 1 });
    const sql = (text: string, params: unknown[]) => t.em().getConnection().execute(text, params);
    await sql(`insert into ratings (product_id, user_id, rating, comment) values (?, ?, 4, 'Warm light, sturdy base')`, [id, reviewer.userId]);
    await sql(`update products set average_rating = 4, rating_count = 1 where id = ?`, [id]);
    const page = (await s.client.get(`/products/${id}`)).text;
    expect(page).toContain('Warm light, sturdy base');

    const res = await add(s, id, '3');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="quantity-error" role="alert">Only 1 left of Reviewed Lamp\./);
    expect(res.text).toContain('4.0 out of 5');
    expect(res.text).toContain('Warm light, sturdy base');
  });

  it.each(['0', '-1', '1.5', 'abc', ''])('refuses to add the quantity %p', async (quantity) => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: `Qty ${quantity}` });
    const res = await add(s, id, quantity);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="quantity-error" role="alert">(Quantity must|Enter a quantity)/);
    expect(await lines(s.userId)).toEqual([]);
  });

  it('ends 20 parallel adds of one product in one row with the summed quantity', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Popular Pen', stock: 100 });
    const results = await Promise.all(Array.from({ length: 20 }, () => add(s, id, '1', HTMX_PARTIAL)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await lines(s.userId)).toEqual([{ product_id: id, desired_quantity: 20, price: '10.00' }]);
  });

  it('shows each line with subtotal, the total without float drift, and the price-change notice', async () => {
    const s = await shopper();
    const dime = await insertProduct(t.em(), { name: 'Dime Sticker', price: '0.10', age: 2 });
    const odd = await insertProduct(t.em(), { name: 'Odd Price Book', price: '19.99', age: 1 });
    await add(s, dime, '3');
    await add(s, odd, '7');
    await t.em().getConnection().execute(`update products set unit_price = 21.00 where id = ?`, [odd]);
    const page = await s.client.get('/cart').expect(200);
    expect(page.text).toContain(`href="/products/${dime}">Dime Sticker</a>`);
    expect(page.text).toContain('<td class="subtotal">$0.30</td>'); // 0.1 * 3 is 0.30000000000000004 in floats
    expect(page.text).toContain('<td class="subtotal">$139.93</td>'); // 19.99 * 7 = 139.92999999999998 in floats
    expect(page.text).toContain('<strong>$140.23</strong>');
    expect(page.text).toContain('Price now $21.00, was $19.99');
    expect(page.text).toContain('Clear cart</button>');
    expect(page.text).toContain('href="/checkout"');
    expect(page.text).toMatch(/<span class="badge" aria-label="10 items">10<\/span>/);
  });

  it('reads the navigation\'s cart count only for a page it renders, after the change it shows', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Counted Mug', stock: 10 });
    const count = jest.spyOn(t.app.get(CartService), 'count');
    try {
      expect((await add(s, id, '2')).status).toBe(303); // a redirect: no page, no count
      expect(count).not.toHaveBeenCalled();
      const refused = await add(s, id, '50'); // more than in stock: the page again, beside Quantity
      expect(refused.status).toBe(422);
      expect(refused.text).toMatch(/<span class="badge" aria-label="2 items">2<\/span>/);
      expect(count).toHaveBeenCalledTimes(1);
    } finally {
      count.mockRestore();
    }
  });

  it('updates a quantity, removes the line at 0, and refuses bad quantities beside the row', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Update Me', stock: 5 });
    await add(s, id, '1');
    expect((await update(s, id, '3')).status).toBe(303);
    expect((await lines(s.userId))[0].desired_quantity).toBe(3);

    for (const bad of ['-1', '1.5', 'abc']) {
      const res = await update(s, id, bad);
      expect(res.status).toBe(422);
      expect(res.text).toContain('Quantity must be a whole number');
      expect(res.text).toContain(`value="${bad}"`);
      expect((await lines(s.userId))[0].desired_quantity).toBe(3);
    }
    const tooMany = await update(s, id, '9');
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('Only 5 left of Update Me');

    expect((await update(s, id, '0')).status).toBe(303);
    expect(await lines(s.userId)).toEqual([]);
    expect((await s.client.get('/cart')).text).toContain('Your cart is empty.');
  });

  it('answers htmx with just the row and the total, and announces cart-changed', async () => {
    const s = await shopper();
    const a = await insertProduct(t.em(), { name: 'Row A', price: '2.00' });
    const b = await insertProduct(t.em(), { name: 'Row B', price: '3.00' });
    await add(s, a, '1');
    await add(s, b, '1');
    const res = await update(s, a, '4', HTMX_PARTIAL);
    expect(res.status).toBe(200);
    expect(res.headers['hx-trigger']).toContain('cart-changed');
    expect(res.text.trim()).toMatch(new RegExp(`^<tr id="cart-line-${a}">`));
    expect(res.text).toContain('<tr id="cart-total" hx-swap-oob="true">');
    expect(res.text).toContain('<strong>$11.00</strong>');
    expect(res.text).not.toContain('Row B');

    const bad = await update(s, a, 'abc', HTMX_PARTIAL);
    expect(bad.status).toBe(422);
    expect(bad.text.trim()).toMatch(new RegExp(`^<tr id="cart-line-${a}">`));

    const count = await s.client.get('/cart/count').set(HTMX_PARTIAL);
    expect(count.text).toContain('>5</span>');
  });

  it('refuses a line that would cost more than an order can hold', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Gold Bar', price: '600000000.00', stock: 10 });
    expect((await add(s, id, '1')).status).toBe(303);
    const res = await add(s, id, '1');
    expect(res.status).toBe(422);
    expect(res.text).toContain('That many Gold Bar would cost more than $999,999,999.99: please order fewer.');
    expect((await update(s, id, '3')).text).toContain('would cost more than $999,999,999.99');
    expect((await lines(s.userId))[0].desired_quantity).toBe(1);
    await s.client.get('/cart').expect(200);
  });

  it('refuses a quantity for a product that is not in the cart with 404, JS or not', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Not In Cart' });
    expect((await update(s, id, 'abc')).status).toBe(404);
    expect((await update(s, id, 'abc', HTMX_PARTIAL)).status).toBe(404);
    expect((await update(s, id, '2')).status).toBe(404);
  });

  it('answers an htmx add on the details page with its form and the message beside Quantity', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Details Add', stock: 2 });
    const send = (quantity: string) =>
      s.client
        .post('/cart/items')
        .set({ ...HTMX_PARTIAL, 'HX-Target': 'form#add-to-cart' }) // what htmx sends for the form's hx-target="this"
        .type('form')
        .send({ _csrf: s.token, productId: String(id), quantity });
    const refused = await send('3');
    expect(refused.status).toBe(422);
    expect(refused.text.trim()).toMatch(/^<form method="post" action="\/cart\/items"/);
    expect(refused.text).toContain('id="quantity-error" role="alert">Only 2 left of Details Add.');
    expect(refused.text).toContain('value="3"');
    const added = await send('2');
    expect(added.status).toBe(200);
    expect(added.text).toContain('Added 2 × Details Add to your cart.');
    expect(added.headers['hx-trigger']).toContain('cart-changed');
  });

  it('refuses cart changes without a CSRF token', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'No Token' });
    await s.client.post('/cart/items').type('form').send({ productId: String(id), quantity: '1' }).expect(403);
    await s.client.post('/cart/clear').type('form').send({}).expect(403);
    expect(await lines(s.userId)).toEqual([]);
  });

  it('never lets parallel adds pass the stock', async () => {
    const s = await shopper();
    const id = await insertProduct(t.em(), { name: 'Three Left', stock: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => add(s, id, '1', HTMX_PARTIAL)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 422)).toHaveLength(7);
    expect(await lines(s.userId)).toEqual([{ product_id: id, desired_quantity: 3, price: '10.00' }]);
  });

  it('removes one line, and the last one brings the empty cart', async () => {
    const s = await shopper();
    const a = await insertProduct(t.em(), { name: 'Remove A' });
    const b = await insertProduct(t.em(), { name: 'Remove B' });
    await add(s, a, '1');
    await add(s, b, '2');
    const res = await s.client.post(`/cart/items/${a}/remove`).set(HTMX_PARTIAL).type('form').send({ _csrf: s.token });
    expect(res.status).toBe(200);
    expect(res.headers['hx-trigger']).toContain('cart-changed');
    // Only the row goes (delete swap); the total comes out of band.
    expect(res.headers['hx-reswap']).toBe('delete');
    expect(res.text.trim()).toMatch(/^<tr id="cart-total" hx-swap-oob="true">/);
    expect(res.text).toContain('<strong>$20.00</strong>');
    expect(await lines(s.userId)).toEqual([{ product_id: b, desired_quantity: 2, price: '10.00' }]);
    const last = await s.client.post(`/cart/items/${b}/remove`).set(HTMX_PARTIAL).type('form').send({ _csrf: s.token });
    expect(last.headers['hx-retarget']).toBe('#cart');
    expect(last.text).toContain('Your cart is empty.');
    const plain = await s.client.post(`/cart/items/${b}/remove`).type('form').send({ _csrf: s.token });
    expect(plain.status).toBe(404);
  });

  it('clears the cart', async () => {
    const s = await shopper();
    await add(s, await insertProduct(t.em(), { name: 'Clear A' }), '1');
    await add(s, await insertProduct(t.em(), { name: 'Clear B' }), '1');
    const htmx = await s.client.post('/cart/clear').set(HTMX_PARTIAL).type('form').send({ _csrf: s.token });
    expect(htmx.text.trim()).toMatch(/^<section id="cart">/);
    expect(htmx.text).toContain('Your cart is empty.');
    expect(htmx.headers['hx-trigger']).toContain('cart-changed');
    await add(s, await insertProduct(t.em(), { name: 'Clear C' }), '1');
    const res = await s.client.post('/cart/clear').type('form').send({ _csrf: s.token });
    expect(res.status).toBe(303);
    expect(await lines(s.userId)).toEqual([]);
    expect((await s.client.get('/cart')).text).toContain('Your cart is empty now.');
  });

  it('never lets a user touch another user\'s cart', async () => {
    const owner = await shopper();
    const intruder = await shopper();
    const id = await insertProduct(t.em(), { name: 'Mine Only' });
    await add(owner, id, '2');
    expect((await update(intruder, id, '5')).status).toBe(404);
    expect((await intruder.client.post(`/cart/items/${id}/remove`).type('form').send({ _csrf: intruder.token })).status).toBe(404);
    await intruder.client.post('/cart/clear').type('form').send({ _csrf: intruder.token });
    expect(await lines(owner.userId)).toEqual([{ product_id: id, desired_quantity: 2, price: '10.00' }]);
  });

  it('needs a signed-in user, and brings them back after logging in', async () => {
    const cart = await request(t.server).get('/cart').expect(303);
    expect(cart.headers.location).toBe('/login?next=%2Fcart');
    const id = await insertProduct(t.em(), { name: 'Anon Try' });
    const visitor = agent(t.server);
    const token = csrfFrom((await visitor.get('/login')).text);
    const res = await visitor.post('/cart/items').set('Referer', `http://localhost/products/${id}`).type('form').send({ _csrf: token, productId: String(id), quantity: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/login?next=%2Fproducts%2F${id}`);
  });
});
