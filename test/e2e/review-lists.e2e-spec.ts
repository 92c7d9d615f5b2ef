import request from 'supertest';
import { HTMX_PARTIAL, type Agent } from '../support/http';
import { signedInWithRole } from '../support/accounts';
import { insertProduct, productNames } from '../support/catalog';
import { buyerOf, postReview, reviewRatings } from '../support/reviews';
import { createTestApp, type TestApp } from '../support/test-app';

/** A product's reviews page by page, and the shop's Top rated sort over the kept averages. */
describe('review lists', () => {
  let t: TestApp;
  let staff: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedInWithRole(t.server, t.em(), 'admin')).client;
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);

  describe('the pages of a product\'s reviews', () => {
    let id: number;
    /** Rating n was written n minutes after 10:00; 23 of them, number 7 hidden; 5 and 6 at the same instant. */
    beforeAll(async () => {
      id = await insertProduct(t.em(), { name: 'Much-reviewed Lamp' });
      for (let n = 1; n <= 23; n += 1) {
        const minute = n === 6 ? 5 : n;
        const [user] = await sql(`insert into users (username, email, password) values (?, ?, ?) returning id`, [
          `pager${n}_${id}`,
          `pager${n}_${id}@example.com`,
          '$2b$04$abcdefghijklmnopqrstuuJQ0cFq2NnZ3nYd7pQ5F4l0y0y0y0y0y',
        ]);
        await sql(`insert into ratings (product_id, user_id, rating, comment, is_visible, created, modified)
                   values (?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)`, [
          id, user.id, (n % 5) + 1, `Comment number ${n}.`, n !== 7,
          `2026-05-01T10:${String(minute).padStart(2, '0')}:00Z`, `2026-05-01T10:${String(minute).padStart(2, '0')}:00Z`,
        ]);
      }
    });

    const comments = (html: string) => [...html.matchAll(/Comment number (\d+)\./g)].map((match) => Number(match[1]));

    it('shows the 10 newest visible reviews first, ties by id, then the next pages; Next and Previous keep the place', async () => {
      const first = await request(t.server).get(`/products/${id}`).expect(200);
      expect(comments(first.text)).toEqual([23, 22, 21, 20, 19, 18, 17, 16, 15, 14]);
      expect(first.text).toContain('Showing 1–10 of 22');
      expect(first.text).toContain(`<a href="/products/${id}?page&#x3D;2" rel="next" hx-get="/products/${id}?page&#x3D;2" hx-target="#review-list"`);
      expect(first.text).not.toContain('rel="prev"');
      const second = await request(t.server).get(`/products/${id}?page=2`).expect(200);
      // 6 was written at the same minute as 5, with a larger id: it comes first. 7 is hidden.
      expect(comments(second.text)).toEqual([13, 12, 11, 10, 9, 8, 6, 5, 4, 3]);
      const third = await request(t.server).get(`/products/${id}?page=3`).expect(200);
      expect(comments(third.text)).toEqual([2, 1]);
      expect(third.text).toContain('Showing 21–22 of 22');
      expect(third.text).toContain('rel="prev"');
      expect(third.text).not.toContain('rel="next"');
      expect(comments((await request(t.server).get(`/products/${id}?page=9`)).text)).toEqual([2, 1]);
      expect(comments((await request(t.server).get(`/products/${id}?page=abc`)).text)[0]).toBe(23);
    });

    it('answers the page links\' htmx requests with the list alone', async () => {
      const res = await request(t.server).get(`/products/${id}?page=2`).set({ ...HTMX_PARTIAL, 'HX-Target': 'div#review-list' }).expect(200);
      expect(res.text.startsWith('<div id="review-list"')).toBe(true);
      expect(res.text).not.toContain('<html');
      expect(comments(res.text)).toEqual([13, 12, 11, 10, 9, 8, 6, 5, 4, 3]);
      // Any other htmx request for the address gets the page.
      const page = await request(t.server).get(`/products/${id}`).set({ ...HTMX_PARTIAL, 'HX-Target': 'main#main' }).expect(200);
      expect(page.text).toContain('<html');
    });

    it('lists hidden reviews to staff, marked, with Show review', async () => {
      const res = await staff.get(`/products/${id}?page=2`).expect(200);
      expect(comments(res.text)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4]);
      expect(res.text).toContain('Showing 11–20 of 23');
      expect(res.text).toMatch(/<strong>3 out of 5<\/strong> <span class="review-hidden-mark">Hidden<\/span>/);
      expect((res.text.match(/>Hide review</g) ?? []).length).toBe(9);
      expect((res.text.match(/>Show review</g) ?? []).length).toBe(1);
    });
  });

  it('sorts the shop by the kept average (Top rated): highest first, then most ratings, unrated last, ties by id', async () => {
    const tag = `Rated${Math.random().toString(36).slice(2, 6)}`;
    const ids: Record<string, number> = {};
    // Oldest first, so that "newest" would give another order.
    for (const [age, name] of ['A', 'B', 'C', 'D', 'E', 'F'].entries()) ids[name] = await insertProduct(t.em(), { name: `${tag} ${name}`, age: 100 - age });
    const buyers = await Promise.all([0, 1, 2, 3].map(() => buyerOf(t, Object.values(ids))));
    const ratings: Record<string, string[]> = { A: ['5', '4'], B: ['5', '4', '5', '4'], C: ['5'], F: ['4', '5', '4', '5'] };
    for (const [name, given] of Object.entries(ratings)) {
      for (const [i, rating] of given.entries()) expect((await postReview(buyers[i].client, ids[name], { rating })).status).toBe(303);
    }
    const shop = await request(t.server).get(`/shop?name=${tag}&sort=rating_desc`).expect(200);
    expect(productNames(shop.text)).toEqual(['C', 'B', 'F', 'A', 'D', 'E'].map((name) => `${tag} ${name}`));
    expect(shop.text).toContain('<option value="rating_desc" selected>Top rated</option>');
    // Each card shows its average, or that there is none.
    expect(shop.text).toContain('<strong>5.0 out of 5</strong> <span class="muted">(1 review)</span>');
    expect(shop.text).toContain('<strong>4.5 out of 5</strong> <span class="muted">(4 reviews)</span>');
    expect(shop.text).toContain('<strong>4.5 out of 5</strong> <span class="muted">(2 reviews)</span>');
    expect((shop.text.match(/No reviews yet/g) ?? []).length).toBe(2);
    // Hiding C's only review makes it unrated: last of all, after D by id order.
    const [review] = await sql('select id from ratings where product_id = ?', [ids.C]);
    const token = /name="_csrf" value="([^"]+)"/.exec((await staff.get(`/products/${ids.C}`)).text)![1];
    await staff.post(`/products/${ids.C}/reviews/${review.id}/hide`).type('form').send({ _csrf: token }).expect(303);
    const after = await request(t.server).get(`/shop?name=${tag}&sort=rating_desc`).expect(200);
    expect(productNames(after.text)).toEqual(['B', 'F', 'A', 'C', 'D', 'E'].map((name) => `${tag} ${name}`));
    expect(reviewRatings((await request(t.server).get(`/products/${ids.C}`)).text)).toEqual([]);
  });
});
