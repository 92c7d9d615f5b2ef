import { agent, csrfFrom, HTMX_PARTIAL, type Agent } from '../support/http';
import { signedInWithRole, signedUp } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { ManualClock } from '../support/manual-clock';
import { buyerOf, postReview, ratingState, reviewRatings, setReviewVisibility } from '../support/reviews';
import { createTestApp, type TestApp } from '../support/test-app';

const ONLY_BUYERS = 'Only customers who bought this product can review it';

/** The contract's "Reviews": who may review, one review each, bad input, the kept average, staff hiding. */
describe('reviews', () => {
  let t: TestApp;
  let staff: Agent;
  const clock = new ManualClock(new Date('2026-06-01T10:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = (await signedInWithRole(t.server, t.em(), 'shop_owner')).client;
  });
  afterAll(() => t?.close());

  const sql = (text: string, params: unknown[] = []) => t.em().getConnection().execute(text, params);
  const product = (name = `Reviewed Kettle ${Math.random().toString(36).slice(2, 7)}`) => insertProduct(t.em(), { name });

  describe('who may review', () => {
    it('shows a buyer the form and takes their review', async () => {
      const id = await product();
      const { client, account } = await buyerOf(t, [id], 'delivered');
      const page = await client.get(`/products/${id}`);
      expect(page.text).toContain('<label for="review-rating">Rating</label>');
      expect(page.text).toContain('<label for="review-comment">Comment</label>');
      expect(page.text).toContain('>Post review</button>');
      expect(page.text).not.toContain(ONLY_BUYERS);
      expect(page.text).toContain('No reviews yet');

      const res = await postReview(client, id, { rating: '4', comment: 'Boils fast.' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/products/${id}#reviews`);
      const after = await client.get(`/products/${id}`);
      expect(after.text).toContain('Thank you: your review is posted.');
      expect(after.text).toContain('4.0 out of 5');
      expect(after.text).toContain('1 review<');
      expect(after.text).toContain('<strong>4 out of 5</strong>');
      expect(after.text).toContain('Boils fast.');
      expect(after.text).toContain(account.username);
      expect(after.text).toContain('<time datetime="2026-06-01T10:00:00.000Z">2026-06-01</time>');
    });

    it('refuses someone who did not buy it: the note, no form, and 403 on a post', async () => {
      const id = await product();
      const other = await product();
      const { client } = await buyerOf(t, [other]);
      const page = await client.get(`/products/${id}`);
      expect(page.text).toContain(ONLY_BUYERS);
      expect(page.text).not.toContain('Post review');
      const res = await postReview(client, id, { rating: '5' });
      expect(res.status).toBe(403);
      expect(res.text).toContain(ONLY_BUYERS);
      expect((await sql('select count(*)::int as n from ratings where product_id = ?', [id]))[0].n).toBe(0);
    });

    it('refuses the buyer of a cancelled order, and counts any order of theirs that is not cancelled', async () => {
      const id = await product();
      const { client, account } = await buyerOf(t, [id], 'cancelled');
      expect((await client.get(`/products/${id}`)).text).toContain(ONLY_BUYERS);
      expect((await postReview(client, id, { rating: '1' })).status).toBe(403);
      // A second order of the same product, shipped: now they bought it.
      await sql(`insert into orders (user_id, total_price, address, address_fields, payment_method, money_received, checkout_token, status, shipped_at)
                 select id, 10, 'x', '{}'::jsonb, 'Visa', 10, 'second', 'shipped', now() from users where username = ?`, [account.username]);
      await sql(`insert into order_items (order_id, product_id, product_name, quantity, unit_price)
                 select o.id, ?, 'x', 1, 10 from orders o join users u on u.id = o.user_id where u.username = ? and o.checkout_token = 'second'`, [id, account.username]);
      expect((await postReview(client, id, { rating: '2' })).status).toBe(303);
    });

    it('shows a signed-out visitor the note with a log-in link, and answers their post with 403', async () => {
      const id = await product();
      const visitor = agent(t.server);
      const page = await visitor.get(`/products/${id}`).expect(200);
      expect(page.text).toContain(ONLY_BUYERS);
      expect(page.text).toContain(`<a href="/login?next=/products/${id}">Log in</a> if you bought it.`);
      expect(page.text).not.toContain('Post review');
      const res = await postReview(visitor, id, { rating: '5' });
      expect(res.status).toBe(403);
      expect(res.text).toContain(ONLY_BUYERS);
    });

    it('answers 404 for a product that is not there, or hidden from the buyer', async () => {
      const hidden = await insertProduct(t.em(), { name: 'Hidden Kettle', visible: false });
      const { client } = await buyerOf(t, [hidden]);
      const token = csrfFrom((await client.get('/account')).text);
      expect((await client.post(`/products/${hidden}/reviews`).type('form').send({ _csrf: token, rating: '3' })).status).toBe(404);
      expect((await client.post('/products/999999/reviews').type('form').send({ _csrf: token, rating: '3' })).status).toBe(404);
    });
  });

  it('replaces the buyer\'s review instead of adding a second one: prefilled, modified moved, created kept', async () => {
    const id = await product();
    const { client } = await buyerOf(t, [id]);
    await postReview(client, id, { rating: '2', comment: 'Meh.' });
    const [first] = await sql('select id, created, modified from ratings where product_id = ?', [id]);
    const page = await client.get(`/products/${id}`);
    expect(page.text).toContain('value="2"');
    expect(page.text).toContain('>Meh.</textarea>');
    expect(page.text).toContain('Posting again replaces it.');

    clock.advance(5 * 60 * 1000); // within the session's idle time
    const res = await postReview(client, id, { rating: '5', comment: 'Grew on me.' });
    expect(res.status).toBe(303);
    const rows = await sql('select id, rating, comment, created, modified from ratings where product_id = ?', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, rating: 5, comment: 'Grew on me.' });
    expect(new Date(rows[0].created).getTime()).toBe(new Date(first.created).getTime());
    expect(new Date(rows[0].modified).getTime() - new Date(first.modified).getTime()).toBe(5 * 60 * 1000);
    const after = await client.get(`/products/${id}`);
    expect(after.text).toContain('Your review is updated.');
    expect(after.text).not.toContain('Meh.');
    expect(await ratingState(t, id)).toMatchObject({ average: '5.0000', count: 1 });
  });

  describe('bad input: 422, what was typed kept, the message beside the field', () => {
    let id: number;
    let client: Agent;
    beforeAll(async () => {
      id = await product();
      client = (await buyerOf(t, [id])).client;
    });

    it.each([
      ['', 'Choose a rating from 1 to 5.'],
      ['0', 'Rating must be a whole number from 1 to 5.'],
      ['6', 'Rating must be a whole number from 1 to 5.'],
      ['4.5', 'Rating must be a whole number from 1 to 5.'],
      ['-1', 'Rating must be a whole number from 1 to 5.'],
      ['abc', 'Rating must be a whole number from 1 to 5.'],
    ])('refuses the rating %p', async (rating, message) => {
      const res = await postReview(client, id, { rating, comment: 'Kept & typed' });
      expect(res.status).toBe(422);
      expect(res.text).toContain(`<small class="field-error" id="review-rating-error">${message}</small>`);
      expect(res.text).toContain(`value="${rating}"`);
      expect(res.text).toMatch(/id="review-rating"[^>]*aria-describedby="review-rating-hint review-rating-error" aria-invalid="true"/);
      expect(res.text).toContain('>Kept &amp; typed</textarea>');
    });

    it('refuses a comment over 2,000 characters (line breaks count once), and takes one of exactly 2,000', async () => {
      const long = 'x'.repeat(1999) + '\r\ny';
      const res = await postReview(client, id, { rating: '3', comment: long });
      expect(res.status).toBe(422);
      expect(res.text).toContain('<small class="field-error" id="review-comment-error">Comment can be at most 2,000 characters.</small>');
      expect(res.text).toContain('value="3"');
      expect(res.text).toContain('x'.repeat(1999));
      expect(res.text).toMatch(/id="review-comment"[^>]*aria-invalid="true"/);
      // With htmx the block comes back in place, still 422.
      const htmx = await postReview(client, id, { rating: '3', comment: long + 'z' }, HTMX_PARTIAL);
      expect(htmx.status).toBe(422);
      expect(htmx.text.startsWith('<section id="reviews"')).toBe(true);
      expect((await sql('select count(*)::int as n from ratings where product_id = ?', [id]))[0].n).toBe(0);

      const exactly = 'é'.repeat(1998) + '\r\n!';
      expect((await postReview(client, id, { rating: '3', comment: exactly })).status).toBe(303);
      const [row] = await sql('select length(comment)::int as n from ratings where product_id = ?', [id]);
      expect(row.n).toBe(2000);
    });
  });

  it('keeps the average and count exact after post, replace, hide and show', async () => {
    const id = await product();
    const buyers = await Promise.all([1, 2, 3].map(() => buyerOf(t, [id])));
    const state = () => ratingState(t, id);
    await postReview(buyers[0].client, id, { rating: '5' });
    await postReview(buyers[1].client, id, { rating: '4' });
    await postReview(buyers[2].client, id, { rating: '4' });
    expect(await state()).toEqual({ average: '4.3333', count: 3, actual: { average: '4.3333', count: 3 } });
    let page = await staff.get(`/products/${id}`);
    expect(page.text).toContain('<strong>4.3 out of 5</strong>');
    expect(page.text).toContain('3 reviews');

    await postReview(buyers[0].client, id, { rating: '1' }); // replace: 1, 4, 4
    expect(await state()).toMatchObject({ average: '3.0000', count: 3 });

    const [review] = await sql('select r.id from ratings r join users u on u.id = r.user_id where r.product_id = ? and u.username = ?', [id, buyers[0].account.username]);
    const version = (await sql('select version from products where id = ?', [id]))[0].version;
    const hidden = await setReviewVisibility(staff, id, review.id, 'hide');
    expect(hidden.status).toBe(303);
    expect(await state()).toMatchObject({ average: '4.0000', count: 2 });
    page = await staff.get(`/products/${id}`);
    expect(page.text).toContain('Review hidden');
    expect(page.text).toContain('<span class="review-hidden-mark">Hidden</span>');
    expect(page.text).toContain('>Show review</button>');
    // Customers no longer see it; nor is the product's version moved (a staff edit is not refused).
    const customer = await buyers[1].client.get(`/products/${id}`);
    expect(reviewRatings(customer.text)).toEqual([4, 4]);
    expect(customer.text).not.toContain('Show review');
    expect(customer.text).not.toContain('Hide review');
    expect((await sql('select version from products where id = ?', [id]))[0].version).toBe(version);

    // With htmx: the list and, out of band, the average and the message.
    const shown = await setReviewVisibility(staff, id, review.id, 'show', HTMX_PARTIAL);
    expect(shown.status).toBe(200);
    expect(shown.text.startsWith('<div id="review-list"')).toBe(true);
    expect(shown.text).toContain('<p id="rating-summary" class="rating-summary" hx-swap-oob="true">');
    expect(shown.text).toContain('3.0 out of 5');
    expect(await state()).toMatchObject({ average: '3.0000', count: 3 });

    // A customer cannot hide; another product's review id is not there.
    const token = csrfFrom(customer.text);
    expect((await buyers[1].client.post(`/products/${id}/reviews/${review.id}/hide`).type('form').send({ _csrf: token })).status).toBe(403);
    const elsewhere = await product();
    expect((await setReviewVisibility(staff, elsewhere, review.id, 'hide')).status).toBe(404);
  });

  it('hides a review sent with no body at all (the CSRF token in its header): a redirect, not a 500', async () => {
    const id = await product();
    const { client } = await buyerOf(t, [id]);
    await postReview(client, id, { rating: '4', comment: 'Bodiless' });
    const [review] = await t.em().getConnection().execute('select id from ratings where product_id = ?', [id]);
    const token = csrfFrom((await staff.get(`/products/${id}`)).text);
    const res = await staff.post(`/products/${id}/reviews/${review.id}/hide`).set('X-CSRF-Token', token);
    expect(res.status).toBe(303);
    expect(await ratingState(t, id)).toMatchObject({ average: null, count: 0 });
  });

  it('swaps the block and the average in place for htmx', async () => {
    const id = await product();
    const { client } = await buyerOf(t, [id]);
    const res = await postReview(client, id, { rating: '3', comment: 'Fine' }, HTMX_PARTIAL);
    expect(res.status).toBe(200);
    expect(res.text.startsWith('<section id="reviews"')).toBe(true);
    expect(res.text).toContain('<strong>3 out of 5</strong>');
    expect(res.text).toContain('hx-swap-oob="true"');
    expect(res.text).toContain('3.0 out of 5');
    expect(res.text).toContain('Thank you: your review is posted.');
  });

  it('shows a comment as plain text with its line breaks, never as markup', async () => {
    const id = await product();
    const { client } = await buyerOf(t, [id]);
    await postReview(client, id, { rating: '1', comment: '<script>alert("x")</script>\nSecond line' });
    const page = await agent(t.server).get(`/products/${id}`);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('<p class="review-comment">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nSecond line</p>');
    // The buyer's form holds it as it was (an indented partial would indent its second line).
    const own = await client.get(`/products/${id}`);
    expect(own.text).toContain('>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nSecond line</textarea>');
  });

  it('never shows another user\'s email; links a username only when that profile is public', async () => {
    const id = await product();
    const shy = await buyerOf(t, [id], 'placed', 'shy');
    const open = await buyerOf(t, [id], 'placed', 'open');
    await sql('update users set is_public = true where username = ?', [open.account.username]);
    await postReview(shy.client, id, { rating: '4' });
    await postReview(open.client, id, { rating: '5' });
    for (const viewer of [agent(t.server), staff, shy.client]) {
      const page = await viewer.get(`/products/${id}`);
      expect(page.text).toContain(`<a href="/users/${open.account.username}">${open.account.username}</a>`);
      expect(page.text).toContain(shy.account.username);
      expect(page.text).not.toContain(`href="/users/${shy.account.username}"`);
      expect(page.text).not.toContain(open.account.email);
      if (viewer !== shy.client) expect(page.text).not.toContain(shy.account.email);
    }
  });

  it('needs a CSRF token', async () => {
    const id = await product();
    const { client } = await buyerOf(t, [id]);
    expect((await client.post(`/products/${id}/reviews`).type('form').send({ rating: '5' })).status).toBe(403);
    expect((await sql('select count(*)::int as n from ratings where product_id = ?', [id]))[0].n).toBe(0);
  });
});
