import request from 'supertest';
import { agent, HTMX_PARTIAL } from '../support/http';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct, productNames } from '../support/catalog';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the shop', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const em = t.em();
    // Oldest first; "age" is minutes ago.
    const seeds = [
      { name: 'Blue Mug', category: 'Kitchen', price: '12.00', age: 100 },
      { name: 'Red Mug', category: 'Kitchen', price: '9.50', age: 90 },
      { name: 'Big blue bowl', category: 'Kitchen', price: '25.00', age: 80 },
      { name: '50% Off Sign', category: 'Home', price: '5.00', age: 70 },
      { name: 'Under_score Lamp', category: 'Home', price: '40.00', age: 60 },
      { name: 'Underscore Lamp', category: 'Home', price: '41.00', age: 59 },
      { name: 'Wool Hat', category: 'Clothing', price: '19.99', age: 50, stock: 0 },
      { name: 'Secret Prototype', category: 'Secret', price: '1.00', age: 1, visible: false },
      { name: 'Tea Towel', category: 'Kitchen', price: '7.25', age: 40 },
      { name: 'Candle', category: 'Home', price: '8.00', age: 30 },
      { name: 'Scarf', category: 'Clothing', price: '15.00', age: 20 },
      { name: 'Gloves', category: 'Clothing', price: '18.00', age: 10 },
    ];
    for (const seed of seeds) ids[seed.name] = await insertProduct(em, seed);
  });
  afterAll(() => t?.close());

  const shop = (query = '') => request(t.server).get(`/shop${query}`).expect(200);

  it('takes sort=newest explicitly: the default order, shown selected in Sort, kept by the page links', async () => {
    const res = await shop('?sort=newest');
    expect(productNames(res.text)).toEqual(productNames((await shop()).text));
    expect(res.text).toContain('<option value="newest" selected>Newest first</option>');
    expect(res.text).toContain('href="/shop?sort&#x3D;newest&amp;page&#x3D;2"');
  });

  it('lists the 10 newest visible products, newest first, with price and stock mark', async () => {
    const res = await shop();
    const names = productNames(res.text);
    expect(names).toEqual([
      'Gloves', 'Scarf', 'Candle', 'Tea Towel', 'Wool Hat', 'Underscore Lamp', 'Under_score Lamp', '50% Off Sign', 'Big blue bowl', 'Red Mug',
    ]);
    expect(res.text).toContain('$19.99 <span class="out-of-stock">Out of stock</span>');
    expect(res.text).not.toContain('Secret Prototype');
    expect(res.text).toContain(`href="/products/${ids['Gloves']}"`);
  });

  it('searches names partially and in any case', async () => {
    expect(productNames((await shop('?name=MUG')).text).sort()).toEqual(['Blue Mug', 'Red Mug']);
    expect(productNames((await shop('?name=blue')).text).sort()).toEqual(['Big blue bowl', 'Blue Mug']);
  });

  it('takes % and _ in the search literally', async () => {
    expect(productNames((await shop('?name=50%25')).text)).toEqual(['50% Off Sign']);
    expect(productNames((await shop('?name=%25')).text)).toEqual(['50% Off Sign']);
    expect(productNames((await shop('?name=under_')).text)).toEqual(['Under_score Lamp']);
    expect(productNames((await shop('?name=_')).text)).toEqual(['Under_score Lamp']);
  });

  it('filters by category, offering only categories with visible products', async () => {
    const res = await shop('?category=Clothing');
    expect(productNames(res.text)).toEqual(['Gloves', 'Scarf', 'Wool Hat']);
    expect(res.text).toContain('<option value="Clothing" selected>');
    expect(res.text).not.toContain('<option value="Secret"');
  });

  it('sorts by price both ways', async () => {
    const asc = productNames((await shop('?category=Kitchen&sort=price_asc')).text);
    expect(asc).toEqual(['Tea Towel', 'Red Mug', 'Blue Mug', 'Big blue bowl']);
    const desc = productNames((await shop('?category=Kitchen&sort=price_desc')).text);
    expect(desc).toEqual(['Big blue bowl', 'Blue Mug', 'Red Mug', 'Tea Towel']);
  });

  it('combines every filter', async () => {
    expect(productNames((await shop('?name=lamp&category=Home&sort=price_desc')).text)).toEqual(['Underscore Lamp', 'Under_score Lamp']);
    expect(productNames((await shop('?name=mug&category=Home')).text)).toEqual([]);
  });

  it('ignores an unknown sort safely', async () => {
    expect(productNames((await shop('?sort=bogus')).text)).toHaveLength(10);
    expect(productNames((await shop("?sort=price_asc';drop table products;--")).text)[0]).toBe('Gloves');
    const hidden = await shop('?category=Secret');
    expect(hidden.text).not.toContain('Secret Prototype');
  });

  it('lists nothing for an unknown category, says so, and offers to clear the filters', async () => {
    const res = await shop('?category=NoSuchThing&sort=bogus');
    expect(res.status).toBe(200);
    expect(productNames(res.text)).toEqual([]);
    expect(res.text).toContain('No products match your filters.');
    expect(res.text).toContain('<a href="/shop">Clear filters</a>');
    // The filter form shows what was asked for, rather than "All categories".
    expect(res.text).toContain('<option value="NoSuchThing" selected>NoSuchThing (no such category)</option>');
  });

  it('says so when nothing matches and offers to clear the filters', async () => {
    const res = await shop('?name=zzz');
    expect(res.text).toContain('No products match your filters.');
    expect(res.text).toContain('<a href="/shop">Clear filters</a>');
  });

  it('answers htmx with only the results, for the same shareable URL', async () => {
    const url = '/shop?name=mug&category=Kitchen&sort=price_asc';
    const fragment = await request(t.server).get(url).set(HTMX_PARTIAL).expect(200);
    expect(fragment.text.trim()).toMatch(/^<section id="results"/);
    expect(fragment.text).not.toContain('aria-label="Main"'); // no page shell around the fragment
    expect(fragment.headers.vary).toMatch(/HX-Request/);
    const page = await request(t.server).get(url).expect(200);
    expect(page.text).toContain('aria-label="Main"');
    expect(productNames(page.text)).toEqual(productNames(fragment.text));
    expect(productNames(page.text)).toEqual(['Red Mug', 'Blue Mug']);
    // The filter form shows what the URL asked for, so the shared link looks the same.
    expect(page.text).toContain('name="name" value="mug"');
    expect(page.text).toContain('<option value="price_asc" selected>');
    // A full-page htmx request (history, body swap) gets the page.
    const full = await request(t.server).get(url).set({ 'HX-Request': 'true', 'HX-Request-Type': 'full' });
    expect(full.text).toContain('<nav');
  });

  it('shows product details, and 404 for hidden or unknown products', async () => {
    const res = await request(t.server).get(`/products/${ids['Blue Mug']}`).expect(200);
    expect(res.text).toContain('Blue Mug');
    expect(res.text).toContain('$12.00');
    expect(res.text).toContain('10 in stock');
    expect(res.text).toContain('Log in</a> to buy');
    await request(t.server).get(`/products/${ids['Secret Prototype']}`).expect(404);
    await request(t.server).get('/products/999999').expect(404);
    await request(t.server).get('/products/abc').expect(404);
    // Whole numbers past PostgreSQL's int name nothing either (the database would refuse them: a 500).
    await request(t.server).get('/products/2147483648').expect(404);
    await request(t.server).get('/products/99999999999999999999').expect(404);
    await request(t.server).get('/products/2147483647').expect(404);
  });

  it('offers Quantity and Add to cart to signed-in shoppers, but no Edit', async () => {
    const client = agent(t.server);
    await signedUp(client);
    const res = await client.get(`/products/${ids['Blue Mug']}`).expect(200);
    expect(res.text).toMatch(/<label for="quantity">Quantity/);
    expect(res.text).toContain('Add to cart</button>');
    expect(res.text).not.toContain('/edit"');
    await client.get(`/products/${ids['Secret Prototype']}`).expect(404);
  });

  it('shows staff the hidden product and an Edit link wherever a product is shown', async () => {
    const { client } = await signedInWithRole(t.server, t.em(), 'shop_owner');
    const details = await client.get(`/products/${ids['Secret Prototype']}`).expect(200);
    expect(details.text).toContain('Hidden: only staff can see this product.');
    expect(details.text).toContain('Hidden products cannot be bought.');
    expect(details.text).not.toContain('Add to cart</button>');
    expect(details.text).toContain(`href="/admin/products/${ids['Secret Prototype']}/edit"`);
    const list = await client.get('/shop').expect(200);
    expect(list.text).toContain(`href="/admin/products/${ids['Gloves']}/edit">Edit</a>`);
    expect(list.text).not.toContain('Secret Prototype'); // the shop itself stays public-only
  });

  it('offers a category changed by any process at once: the cached list follows the catalog version', async () => {
    expect((await shop()).text).not.toContain('<option value="Garden"');
    // Raw SQL, as another app process or an import would write: this process's cache is not told.
    const em = t.em();
    await em.execute(`update products set category = 'Garden' where id = ?`, [ids['Candle']]);
    await em.execute(`update products set visibility = true where id = ?`, [ids['Secret Prototype']]);
    try {
      const res = await shop();
      expect(res.text).toContain('<option value="Garden">Garden</option>');
      expect(res.text).toContain('<option value="Secret">Secret</option>');
      // Stock changes (every checkout) leave the version alone: no reload for them.
      const [before] = await em.execute<{ version: string }[]>('select version from catalog_version');
      await em.execute(`update products set stock = stock + 1 where id = ?`, [ids['Candle']]);
      const [after] = await em.execute<{ version: string }[]>('select version from catalog_version');
      expect(after.version).toBe(before.version);
    } finally {
      await em.execute(`update products set category = 'Home', stock = stock - 1 where id = ?`, [ids['Candle']]);
      await em.execute(`update products set visibility = false where id = ?`, [ids['Secret Prototype']]);
    }
    const res = await shop();
    expect(res.text).not.toContain('<option value="Garden"');
    expect(res.text).not.toContain('<option value="Secret"');
  });
});
