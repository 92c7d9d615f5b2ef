import request from 'supertest';
import { HTMX_PARTIAL } from '../support/http';
import { signedInWithRole } from '../support/accounts';
import { insertProduct, productNames } from '../support/catalog';
import { createTestApp, type TestApp } from '../support/test-app';

/** The contract's "Lists: pages", on the shop and the staff list (one mechanism behind both). */
describe('pages on the lists', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const em = t.em();
    // 23 visible "Paged" products, newest first by name; 3 hidden ones the shop never counts.
    for (let i = 0; i < 23; i += 1) {
      await insertProduct(em, { name: `Paged ${String(i).padStart(2, '0')}`, category: 'Paged', age: 1000 - i });
    }
    for (let i = 0; i < 3; i += 1) await insertProduct(em, { name: `Hidden ${i}`, category: 'Paged', visible: false });
  });
  afterAll(() => t?.close());

  const shop = (query: string, headers: Record<string, string> = {}) =>
    request(t.server).get(`/shop${query}`).set(headers).expect(200);
  const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const links = (html: string) => ({
    previous: /<a href="([^"]+)" rel="prev"/.exec(decode(html))?.[1],
    next: /<a href="([^"]+)" rel="next"/.exec(decode(html))?.[1],
  });

  it('shows where you are and links to the next page, keeping every other parameter', async () => {
    const first = await shop('?category=Paged&name=paged');
    expect(productNames(first.text)).toEqual(['Paged 22', 'Paged 21', 'Paged 20', 'Paged 19', 'Paged 18', 'Paged 17', 'Paged 16', 'Paged 15', 'Paged 14', 'Paged 13']);
    expect(first.text).toContain('Showing 1–10 of 23');
    expect(links(first.text)).toEqual({ previous: undefined, next: '/shop?category=Paged&name=paged&page=2' });

    const second = await shop('?category=Paged&name=paged&page=2');
    expect(second.text).toContain('Showing 11–20 of 23');
    expect(links(second.text)).toEqual({ previous: '/shop?category=Paged&name=paged', next: '/shop?category=Paged&name=paged&page=3' });

    const last = await shop('?category=Paged&name=paged&page=3');
    expect(productNames(last.text)).toEqual(['Paged 02', 'Paged 01', 'Paged 00']);
    expect(last.text).toContain('Showing 21–23 of 23');
    expect(links(last.text).next).toBeUndefined();
  });

  it('keeps the sort across pages and never shows a row twice or loses one', async () => {
    // Equal prices and equal creation times: only the id decides, on every page alike.
    await t.em().getConnection().execute(`update products set unit_price = 5, created = '2026-01-01' where category = 'Paged'`);
    const seen: string[] = [];
    for (const page of [1, 2, 3]) seen.push(...productNames((await shop(`?category=Paged&sort=price_asc&page=${page}`)).text));
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(links((await shop('?category=Paged&sort=price_asc&page=2')).text).next).toBe('/shop?category=Paged&sort=price_asc&page=3');
  });

  it.each(['0', '-3', 'abc', '1.5'])('shows the first page for page=%s', async (page) => {
    const res = await shop(`?category=Paged&page=${page}`);
    expect(res.text).toContain('Showing 1–10 of 23');
  });

  it('shows the last page for a page past the end', async () => {
    const res = await shop('?category=Paged&page=99');
    expect(res.text).toContain('Showing 21–23 of 23');
    expect(productNames(res.text)).toHaveLength(3);
  });

  it('sends htmx only the results, with links that swap them and push the URL', async () => {
    const res = await shop('?category=Paged&page=2', HTMX_PARTIAL);
    expect(res.text).not.toContain('<html');
    expect(res.text).toMatch(/^<section id="results"/);
    expect(decode(res.text)).toContain(
      'href="/shop?category=Paged&page=3" rel="next" hx-get="/shop?category=Paged&page=3" hx-target="#results" hx-swap="outerHTML" hx-push-url="true"',
    );
  });

  it('shows no page line when nothing matches', async () => {
    const res = await shop('?name=nothing-like-this');
    expect(res.text).not.toContain('Showing');
    expect(res.text).toContain('No products match');
  });

  it('pages the staff list the same way, hidden products included', async () => {
    const { client: staff } = await signedInWithRole(t.server, t.em(), 'shop_owner');
    const res = await staff.get('/admin/products?category=Paged&page=3').expect(200);
    expect(res.text).toContain('Showing 21–26 of 26');
    expect(links(res.text).previous).toBe('/admin/products?category=Paged&page=2');
  });

  it('counts no further than 1,000 matches and stops at the 100th page', async () => {
    await t.em().getConnection().execute(
      `insert into products (name, description, category, stock, unit_price, visibility, created, modified)
       select 'Bulk ' || lpad(i::text, 4, '0'), '', 'Bulk', 1, 1, true, now() - make_interval(mins => i), now()
         from generate_series(1, 1005) as i`,
    );
    const first = await shop('?category=Bulk');
    expect(first.text).toContain('Showing 1–10 of more than 1,000');
    const beyond = await shop('?category=Bulk&page=150');
    expect(beyond.text).toContain('Showing 991–1,000 of more than 1,000');
    expect(productNames(beyond.text)[0]).toBe('Bulk 0991');
    expect(links(beyond.text).next).toBeUndefined();
  });
});
