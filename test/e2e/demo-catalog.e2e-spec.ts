import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';
import { DemoCatalogService } from '../../src/products/demo-catalog.service';

describe('the demo catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SEED_DEMO: 'true' } });
  });
  afterAll(() => t?.close());

  it('fills an empty catalog at start-up with a live-looking shop', async () => {
    const [row] = await t.em().getConnection().execute(
      `select count(*)::int as products, count(distinct category)::int as categories,
              count(*) filter (where not visibility)::int as hidden,
              count(*) filter (where stock = 0 and visibility)::int as sold_out
         from products`,
    );
    expect(row.products).toBeGreaterThanOrEqual(35);
    expect(row.categories).toBe(6);
    expect(row.hidden).toBeGreaterThan(0);
    expect(row.sold_out).toBeGreaterThan(0);
    const shop = await request(t.server).get('/shop').expect(200);
    expect(shop.text.match(/<article class="product-card">/g)).toHaveLength(10);
    expect(shop.text).toContain('Out of stock');
  });

  it('draws a picture for every demo product, in both sizes, and shows it on the shop', async () => {
    const [row] = await t.em().getConnection().execute(
      `select count(*)::int as products,
              (select count(*)::int from product_images where variant = 'card') as cards,
              (select count(*)::int from product_images where variant = 'large') as larges
         from products`,
    );
    expect(row.cards).toBe(row.products);
    expect(row.larges).toBe(row.products);
    const shop = await request(t.server).get('/shop');
    const src = /<img src="(\/images\/[0-9a-f]{64}\.webp)"/.exec(shop.text)?.[1];
    expect(src).toBeDefined();
    const image = await request(t.server).get(src!).expect(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(shop.text).not.toContain('/static/no-image.svg');
  });

  it('does not fill it again on the next start, nor when several processes start at once', async () => {
    const service = t.app.get(DemoCatalogService);
    const [before] = await t.em().getConnection().execute('select count(*)::int as n from products');
    await Promise.all([service.onApplicationBootstrap(), service.onApplicationBootstrap()]);
    const [after] = await t.em().getConnection().execute('select count(*)::int as n from products');
    expect(after.n).toBe(before.n);
  });
});
