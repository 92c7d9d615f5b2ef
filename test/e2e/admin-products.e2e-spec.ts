import request from 'supertest';
import { agent, csrfFrom, HTMX_PARTIAL, submitForm, type Agent } from '../support/http';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct, productNames } from '../support/catalog';
import { createTestApp, type TestApp } from '../support/test-app';

const VALID = { name: 'Green Teapot', description: 'Holds 1 litre.', category: 'Kitchen', stock: '5', unitPrice: '24.90', visible: 'on' };

describe('staff manage products', () => {
  let t: TestApp;
  let staff: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedInWithRole(t.server, t.em(), 'shop_owner')).client;
  });
  afterAll(() => t?.close());

  async function product(id: number) {
    const [row] = await t.em().getConnection().execute(
      'select name, category, stock, unit_price::text as price, visibility, version from products where id = ?',
      [id],
    );
    return row;
  }

  it('adds a product that then shows on the shop', async () => {
    const res = await submitForm(staff, '/admin/products/new', '/admin/products', VALID);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/products');
    expect((await staff.get('/admin/products')).text).toContain('Added Green Teapot.');
    const shop = await request(t.server).get('/shop');
    expect(productNames(shop.text)).toContain('Green Teapot');
    expect(shop.text).toContain('$24.90');
  });

  it.each([
    [{ unitPrice: '12.5' }, '12.50'],
    [{ unitPrice: '12.50' }, '12.50'],
    [{ unitPrice: '0' }, '0.00'],
    [{ unitPrice: '7' }, '7.00'],
  ])('accepts the price %o', async (fields, stored) => {
    const name = `Priced ${Math.random()}`;
    const res = await submitForm(staff, '/admin/products/new', '/admin/products', { ...VALID, ...fields, name });
    expect(res.status).toBe(303);
    const [row] = await t.em().getConnection().execute('select unit_price::text as price from products where name = ?', [name]);
    expect(row.price).toBe(stored);
  });

  it.each([
    [{ name: '' }, 'name', 'Enter a name.'],
    [{ name: '   ' }, 'name', 'Enter a name.'],
    [{ name: 'x'.repeat(121) }, 'name', 'Name can be at most 120 characters.'],
    [{ description: 'x'.repeat(2001) }, 'description', 'Description can be at most 2,000 characters.'],
    [{ category: '' }, 'category', 'Enter a category.'],
    [{ category: 'x'.repeat(61) }, 'category', 'Category can be at most 60 characters.'],
    [{ stock: '-1' }, 'stock', 'Stock must be a whole number, 0 or more.'],
    [{ stock: '1.5' }, 'stock', 'Stock must be a whole number, 0 or more.'],
    [{ stock: 'abc' }, 'stock', 'Stock must be a whole number, 0 or more.'],
    [{ stock: '' }, 'stock', 'Enter the stock, 0 or more.'],
    [{ stock: '99999999999' }, 'stock', 'Stock can be at most 1,000,000.'],
    [{ unitPrice: '1e3' }, 'unitPrice', 'Unit price must be an amount like 12.50'],
    [{ unitPrice: '12.345' }, 'unitPrice', 'Unit price must be an amount like 12.50'],
    [{ unitPrice: '-1' }, 'unitPrice', 'Unit price must be an amount like 12.50'],
    [{ unitPrice: 'abc' }, 'unitPrice', 'Unit price must be an amount like 12.50'],
    [{ unitPrice: '' }, 'unitPrice', 'Enter the unit price.'],
  ] as [Record<string, string>, string, string][])('refuses %o beside the field, keeping the rest (422)', async (fields, field, message) => {
    const name = fields.name ?? `Keep ${Math.random().toString(36).slice(2)}`;
    const res = await submitForm(staff, '/admin/products/new', '/admin/products', { ...VALID, name, ...fields });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="${field}-error">${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    if (field !== 'category') expect(res.text).toContain('value="Kitchen"');
    if (field !== 'unitPrice') expect(res.text).toContain(`value="${fields.unitPrice ?? VALID.unitPrice}"`);
    if (field !== 'description') expect(res.text).toContain('Holds 1 litre.');
    const [{ n }] = await t.em().getConnection().execute('select count(*)::int as n from products where name = ?', [name]);
    expect(n).toBe(0);
  });

  it('keeps staff-only pages from customers (403) and visitors (login)', async () => {
    const id = await insertProduct(t.em(), { name: 'Guarded' });
    const customer = agent(t.server);
    await signedUp(customer);
    for (const url of ['/admin/products', '/admin/products/new', `/admin/products/${id}/edit`]) {
      await customer.get(url).expect(403);
      const anon = await request(t.server).get(url).expect(303);
      expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const token = csrfFrom((await customer.get('/account')).text);
    await customer.post('/admin/products').type('form').send({ ...VALID, _csrf: token }).expect(403);
    await customer.post(`/admin/products/${id}/inline`).type('form').send({ stock: '0', unitPrice: '1', _csrf: token }).expect(403);
    expect((await product(id)).stock).toBe(10);
  });

  it('offers the existing categories as suggestions', async () => {
    await insertProduct(t.em(), { name: 'Suggested', category: 'Garden Tools' });
    const form = await staff.get('/admin/products/new').expect(200);
    expect(form.text).toContain('list="category-options"');
    expect(form.text).toContain('<option value="Garden Tools"></option>');
  });

  it('edits a product through the form, prefilled', async () => {
    const id = await insertProduct(t.em(), { name: 'Old Name', price: '3.00', stock: 2 });
    const form = await staff.get(`/admin/products/${id}/edit`).expect(200);
    expect(form.text).toContain('value="Old Name"');
    expect(form.text).toContain('value="3.00"');
    const res = await submitForm(staff, `/admin/products/${id}/edit`, `/admin/products/${id}`, {
      ...VALID,
      name: 'New Name',
      version: '1',
      visible: '',
    });
    expect(res.status).toBe(303);
    expect(await product(id)).toMatchObject({ name: 'New Name', price: '24.90', stock: 5, visibility: false, version: 2 });
    await staff.get('/admin/products/999999/edit').expect(404);
  });

  it('refuses a save based on an old version and shows the current values', async () => {
    const id = await insertProduct(t.em(), { name: 'Contested', stock: 10, price: '10.00' });
    const page = await staff.get(`/admin/products/${id}/edit`);
    const token = csrfFrom(page.text);
    const other = (await signedInWithRole(t.server, t.em(), 'admin')).client;
    // Someone else saves first...
    const first = await submitForm(other, `/admin/products/${id}/edit`, `/admin/products/${id}`, {
      ...VALID, name: 'Contested', stock: '7', unitPrice: '10.00', version: '1',
    });
    expect(first.status).toBe(303);
    // ...then this form, still based on version 1, must not overwrite the stock silently.
    const late = await staff.post(`/admin/products/${id}`).type('form').send({
      _csrf: token, ...VALID, name: 'Contested', stock: '3', unitPrice: '10.00', version: '1',
    });
    expect(late.status).toBe(409);
    expect(late.text).toContain('Someone else changed this product');
    expect(late.text).toContain('<li>Stock: 7</li>');
    expect(late.text).toContain('value="3"'); // what this person typed is kept
    expect(late.text).toContain('name="version" value="2"');
    expect((await product(id)).stock).toBe(7);
    // Saving again, knowingly, from the current version works.
    const again = await staff.post(`/admin/products/${id}`).type('form').send({
      _csrf: token, ...VALID, name: 'Contested', stock: '3', unitPrice: '10.00', version: '2',
    });
    expect(again.status).toBe(303);
    expect((await product(id)).stock).toBe(3);
  });

  describe('the admin list', () => {
    beforeAll(async () => {
      for (let i = 0; i < 12; i += 1) {
        await insertProduct(t.em(), { name: `Listed ${String(i).padStart(2, '0')}`, category: 'Listing', visible: i % 3 !== 0, age: 1000 - i });
      }
    });

    it('shows every product, hidden too, newest first, 10 a page, with Add product and Edit', async () => {
      const res = await staff.get('/admin/products?category=Listing').expect(200);
      expect(productNames(res.text)).toEqual(['Listed 11', 'Listed 10', 'Listed 09', 'Listed 08', 'Listed 07', 'Listed 06', 'Listed 05', 'Listed 04', 'Listed 03', 'Listed 02']);
      expect(res.text).toContain('href="/admin/products/new"');
      expect(res.text).toMatch(/href="\/admin\/products\/\d+\/edit">Edit<\/a>/);
      expect(res.text).toContain('href="/admin/products?category&#x3D;Listing&amp;page&#x3D;2"');
      const second = await staff.get('/admin/products?category=Listing&page=2');
      expect(productNames(second.text)).toEqual(['Listed 01', 'Listed 00']);
    });

    it('filters by visibility, and by the shop\'s filters', async () => {
      const hidden = await staff.get('/admin/products?category=Listing&visibility=hidden');
      expect(productNames(hidden.text)).toEqual(['Listed 09', 'Listed 06', 'Listed 03', 'Listed 00']);
      const search = await staff.get('/admin/products?name=LISTED%200&visibility=visible');
      expect(productNames(search.text).sort()).toEqual(['Listed 01', 'Listed 02', 'Listed 04', 'Listed 05', 'Listed 07', 'Listed 08']);
    });

    it('sorts by price both ways', async () => {
      await t.em().getConnection().execute(`update products set unit_price = 100 - cast(substr(name, 8) as int) where category = 'Listing'`);
      const desc = await staff.get('/admin/products?category=Listing&sort=price_desc');
      expect(productNames(desc.text).slice(0, 3)).toEqual(['Listed 00', 'Listed 01', 'Listed 02']);
      const asc = await staff.get('/admin/products?category=Listing&sort=price_asc');
      expect(productNames(asc.text).slice(0, 3)).toEqual(['Listed 11', 'Listed 10', 'Listed 09']);
    });
  });

  describe('inline editing', () => {
    async function inline(id: number, fields: Record<string, string>, headers: Record<string, string> = HTMX_PARTIAL) {
      const token = csrfFrom((await staff.get('/admin/products')).text);
      return staff.post(`/admin/products/${id}/inline`).set(headers).type('form').send({ _csrf: token, ...fields });
    }

    it('changes stock, price and visibility, answering htmx with just the row', async () => {
      const id = await insertProduct(t.em(), { name: 'Inline Thing', stock: 4, price: '2.00' });
      const res = await inline(id, { stock: '9', unitPrice: '2.5', version: '1' });
      expect(res.status).toBe(200);
      expect(res.text.trim()).toMatch(new RegExp(`^<tr id="product-${id}">`));
      expect(res.text).not.toContain('<nav');
      expect(res.text).toContain('value="9"');
      expect(res.text).toContain('value="2.50"');
      expect(res.text).toContain('name="version" value="2"');
      expect(await product(id)).toMatchObject({ stock: 9, price: '2.50', visibility: false });
    });

    it('refuses bad values in the row, changing nothing (422)', async () => {
      const id = await insertProduct(t.em(), { name: 'Inline Bad', stock: 4 });
      const res = await inline(id, { stock: '-3', unitPrice: '1e3', visible: 'on', version: '1' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Stock must be a whole number, 0 or more.');
      expect(res.text).toContain('Unit price must be an amount like 12.50');
      expect(res.text).toContain('value="-3"');
      expect((await product(id)).stock).toBe(4);
    });

    it('refuses a stale row and shows the current values (409)', async () => {
      const id = await insertProduct(t.em(), { name: 'Inline Race', stock: 4 });
      expect((await inline(id, { stock: '6', unitPrice: '10.00', visible: 'on', version: '1' })).status).toBe(200);
      const stale = await inline(id, { stock: '1', unitPrice: '10.00', visible: 'on', version: '1' });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else changed this product');
      expect(stale.text).toContain('value="6"');
      expect((await product(id)).stock).toBe(6);
    });

    it('keeps the typed visibility when a row is refused', async () => {
      const id = await insertProduct(t.em(), { name: 'Inline Hidden Try', stock: 4, visible: true });
      const res = await inline(id, { stock: '-1', unitPrice: '10.00', version: '1' });
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/name="visible" type="checkbox" aria-label="Inline Hidden Try is visible"\s*>/);
    });

    it('answers a refused row without JavaScript with that row and its messages (422)', async () => {
      const id = await insertProduct(t.em(), { name: 'Inline Plain Bad', stock: 4 });
      const res = await inline(id, { stock: 'abc', unitPrice: '10.00', visible: 'on', version: '1' }, {});
      expect(res.status).toBe(422);
      expect(res.text).toContain('<nav');
      expect(res.text).toContain('Stock must be a whole number, 0 or more.');
      expect(res.text).toContain('value="abc"');
    });

    it('works as a plain form post without JavaScript', async () => {
      const id = await insertProduct(t.em(), { name: 'Inline Plain', stock: 4 });
      const res = await inline(id, { stock: '8', unitPrice: '10.00', visible: 'on', version: '1' }, {});
      expect(res.status).toBe(303);
      expect((await staff.get('/admin/products')).text).toContain('Inline Plain: Saved.');
      expect((await product(id)).stock).toBe(8);
    });
  });

  it('lets the database refuse what must never be true', async () => {
    const conn = t.em().getConnection();
    await expect(conn.execute(`insert into products (name, category, stock, unit_price) values ('x', 'c', -1, 1)`)).rejects.toThrow();
    await expect(conn.execute(`insert into products (name, category, stock, unit_price) values ('x', 'c', 1, -0.01)`)).rejects.toThrow();
    await expect(conn.execute(`insert into products (name, category, stock, unit_price) values ('  ', 'c', 1, 1)`)).rejects.toThrow();
  });
});
