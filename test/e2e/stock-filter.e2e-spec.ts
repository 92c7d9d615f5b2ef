import request from 'supertest';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct, productNames } from '../support/catalog';
import { agent, HTMX_PARTIAL, type Agent } from '../support/http';
import { createTestApp, type TestApp } from '../support/test-app';
import { CartService } from '../../src/cart/cart.service';
import { ProductsService } from '../../src/products/products.service';

describe('staff: Stock at most, and the out-of-stock count', () => {
  let t: TestApp;
  let staff: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedInWithRole(t.server, t.em(), 'admin')).client;
    const em = t.em();
    await insertProduct(em, { name: 'Empty Mug', category: 'Kitchen', stock: 0, age: 1 });
    await insertProduct(em, { name: 'Empty Hidden Pan', category: 'Kitchen', stock: 0, visible: false, age: 2 });
    await insertProduct(em, { name: 'Empty Hat', category: 'Clothing', stock: 0, age: 3 });
    await insertProduct(em, { name: 'Low Bowl', category: 'Kitchen', stock: 5, age: 4 });
    await insertProduct(em, { name: 'Plenty Plate', category: 'Kitchen', stock: 6, age: 5 });
    // 12 low-stock products in one category: they need two pages.
    for (let i = 1; i <= 12; i++) await insertProduct(em, { name: `Low Pen ${i}`, category: 'Stationery', stock: i % 4, age: 10 + i });
  });
  afterAll(() => t?.close());

  it('lists what is out of stock with max_stock=0, hidden products included', async () => {
    const res = await staff.get('/admin/products?max_stock=0').expect(200);
    expect(productNames(res.text)).toEqual(['Empty Mug', 'Empty Hidden Pan', 'Empty Hat', 'Low Pen 4', 'Low Pen 8', 'Low Pen 12']);
    expect(res.text).toContain('value="0"');
  });

  it('combines with the other filters', async () => {
    expect(productNames((await staff.get('/admin/products?max_stock=5&category=Kitchen')).text)).toEqual(['Empty Mug', 'Empty Hidden Pan', 'Low Bowl']);
    expect(productNames((await staff.get('/admin/products?max_stock=0&visibility=visible&name=empty')).text)).toEqual(['Empty Mug', 'Empty Hat']);
    expect(productNames((await staff.get('/admin/products?max_stock=5&category=Kitchen&sort=price_desc')).text)).toHaveLength(3);
  });

  it('pages through the filtered rows, the links keeping max_stock', async () => {
    const first = await staff.get('/admin/products?max_stock=3&category=Stationery');
    expect(productNames(first.text)).toHaveLength(10);
    expect(first.text).toContain('Showing 1–10 of 12');
    expect(first.text).toContain('href="/admin/products?max_stock&#x3D;3&amp;category&#x3D;Stationery&amp;page&#x3D;2"');
    const second = await staff.get('/admin/products?max_stock=3&category=Stationery&page=2');
    expect(productNames(second.text)).toEqual(['Low Pen 11', 'Low Pen 12']);
  });

  it.each(['abc', '-1', '1.5', '1e3', ' 2x'])('refuses max_stock=%j with 422 beside the field, no rows, other filters kept', async (value) => {
    const res = await staff.get(`/admin/products?max_stock=${encodeURIComponent(value)}&name=Empty&category=Kitchen`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="filter-max-stock-error">Stock at most must be a whole number, 0 or more.<');
    expect(res.text).toContain('value="Empty"');
    expect(res.text).toMatch(/<option value="Kitchen" selected>/);
    expect(productNames(res.text)).toEqual([]);
  });

  it('answers an htmx filter with the refused results and the message beside the field (out of band)', async () => {
    const res = await staff.get('/admin/products?max_stock=abc').set(HTMX_PARTIAL);
    expect(res.status).toBe(422);
    expect(res.text).toContain('<section id="admin-results">');
    expect(res.text).toMatch(/id="filter-max-stock-error" hx-swap-oob="true">Stock at most must be/);
    const ok = await staff.get('/admin/products?max_stock=0').set(HTMX_PARTIAL);
    expect(ok.text).toMatch(/id="filter-max-stock-error" hx-swap-oob="true"><\/small>/);
  });

  it('shows staff how many visible products are out of stock, linking to the filter', async () => {
    const page = await staff.get('/admin/products');
    // Empty Mug, Empty Hat, Low Pen 4, 8, 12: the hidden pan does not count.
    expect(page.text).toMatch(/<a href="\/admin\/products\?max_stock=0" id="nav-out-of-stock">Out of stock <span class="badge">5<\/span><\/a>/);
    expect((await staff.get('/shop')).text).toContain('id="nav-out-of-stock"');
    await t.em().getConnection().execute(`update products set stock = 1 where name = 'Empty Mug'`);
    expect((await staff.get('/account')).text).toMatch(/Out of stock <span class="badge">4</);
  });

  it('reads a staff page\'s two badges at once, and shows both', async () => {
    const events: string[] = [];
    const watch = <T extends object>(service: T, method: keyof T & string, name: string) => {
      const original = (service[method] as (...args: unknown[]) => Promise<unknown>).bind(service);
      return jest.spyOn(service, method as never).mockImplementation((async (...args: unknown[]) => {
        events.push(`${name} started`);
        try {
          return await original(...args);
        } finally {
          events.push(`${name} done`);
        }
      }) as never);
    };
    const spies = [watch(t.app.get(CartService), 'count', 'cart'), watch(t.app.get(ProductsService), 'outOfStockCount', 'stock')];
    try {
      const page = await staff.get('/account').expect(200);
      expect(page.text).toMatch(/Out of stock <span class="badge">\d+</);
      expect(page.text).toContain('id="cart-count"');
      expect(events.slice(0, 2).sort()).toEqual(['cart started', 'stock started']);
      expect(events).toHaveLength(4);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('shows no count to shoppers or visitors', async () => {
    const shopper = agent(t.server);
    await signedUp(shopper);
    expect((await shopper.get('/shop')).text).not.toContain('nav-out-of-stock');
    expect((await request(t.server).get('/shop')).text).not.toContain('nav-out-of-stock');
  });
});
