import request from 'supertest';
import { agent, csrfFrom, HTMX_PARTIAL, submitForm, type Agent } from '../support/http';
import { logIn, PASSWORD, signedInWithRole, signedUp, type NewAccount } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { insertRating, reviewedProductNames, setPublic } from '../support/profile-ratings';
import { createTestApp, type TestApp } from '../support/test-app';

const NOT_FOUND = 'We could not find the page you asked for.';
const PRIVATE_NOTE = 'Only you can see this page';

describe('public profiles (/users/:username)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function signedIn(prefix = 'profile'): Promise<{ client: Agent; account: NewAccount }> {
    const client = agent(t.server);
    return { client, account: await signedUp(client, prefix) };
  }

  async function isPublicInDatabase(username: string): Promise<boolean> {
    const [row] = await t.em().getConnection().execute('select is_public from users where username = ?', [username]);
    return row.is_public as boolean;
  }

  it('answers an unknown username, or one no username could be, with the friendly 404 page', async () => {
    for (const path of ['/users/nobody_here_at_all', '/users/a', '/users/has%20space', '/users/x@example.com']) {
      const res = await request(t.server).get(path).expect(404);
      expect(res.text).toContain(NOT_FOUND);
    }
  });

  it('keeps a private profile private: 404 to a visitor, another user and staff; its owner sees it with a note', async () => {
    const { client: owner, account } = await signedIn('private');
    expect(await isPublicInDatabase(account.username)).toBe(false); // private until ticked
    const path = `/users/${account.username}`;
    const visitor = await request(t.server).get(path).expect(404);
    expect(visitor.text).toContain(NOT_FOUND);
    expect(visitor.text).not.toContain(account.username);
    const { client: other } = await signedIn('other');
    expect((await other.get(path).expect(404)).text).toContain(NOT_FOUND);
    const { client: staff } = await signedInWithRole(t.server, t.em(), 'admin');
    await staff.get(path).expect(404);

    const own = await owner.get(path.toUpperCase()).expect(200);
    expect(own.text).toContain(`<h1>${account.username}</h1>`);
    expect(own.text).toContain(PRIVATE_NOTE);
    expect(own.text).toContain('tick <strong>Public profile</strong> on <a href="/profile">your profile</a>');
  });

  it('saves the Public profile checkbox without the current password, and the page follows it', async () => {
    const { client, account } = await signedIn('ticks');
    const form = await client.get('/profile').expect(200);
    expect(form.text).toMatch(/<input id="isPublic" name="isPublic" type="checkbox" +aria-describedby="isPublic-hint">/);
    expect(form.text).toContain('Others can see your username, when you joined and your reviews at');
    expect(form.text).toContain(`<a href="/users/${account.username}">/users/${account.username}</a> — never your email.`);

    const ticked = await submitForm(client, '/profile', '/profile', { username: account.username, email: account.email, isPublic: 'on' });
    expect(ticked.status).toBe(303);
    expect(await isPublicInDatabase(account.username)).toBe(true);
    const after = await client.get('/profile').expect(200);
    expect(after.text).toContain('Your profile has been saved.');
    expect(after.text).toMatch(/name="isPublic" type="checkbox" checked/);

    // Anyone now sees it, signed out too, whatever the case of the name in the address.
    const [{ created }] = await t.em().getConnection().execute('select created from users where username = ?', [account.username]);
    const since = new Date(created).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const visitor = await request(t.server).get(`/users/${account.username.toUpperCase()}`).expect(200);
    expect(visitor.text).toContain(`<h1>${account.username}</h1>`);
    expect(visitor.text).toContain(`Member since ${since}`);
    expect(visitor.text).toContain('No reviews yet.');
    expect(visitor.text).not.toContain(account.email);
    expect(visitor.text).not.toContain(PRIVATE_NOTE);
    expect((await client.get(`/users/${account.username}`)).text).toContain('This is your public profile: anyone can see it.');

    // Unticked (the box is simply not sent): private again.
    const unticked = await submitForm(client, '/profile', '/profile', { username: account.username, email: account.email });
    expect(unticked.status).toBe(303);
    expect(await isPublicInDatabase(account.username)).toBe(false);
    await request(t.server).get(`/users/${account.username}`).expect(404);
  });

  it('keeps the box as ticked when the form comes back with an error, and saves none of it', async () => {
    const { client, account } = await signedIn('refused');
    const res = await submitForm(
      client,
      '/profile',
      '/profile',
      { username: account.username, email: `new_${account.email}`, isPublic: 'on' },
      HTMX_PARTIAL,
    );
    expect(res.status).toBe(422);
    expect(res.text.trim()).toMatch(/^<form method="post" action="\/profile"/);
    expect(res.text).toContain('Enter your current password to make this change.');
    expect(res.text).toMatch(/name="isPublic" type="checkbox" checked/);
    expect(await isPublicInDatabase(account.username)).toBe(false);

    // With the password, the email and the checkbox are saved together.
    const saved = await submitForm(client, '/profile', '/profile', {
      username: account.username,
      email: `new_${account.email}`,
      isPublic: 'on',
      currentPassword: PASSWORD,
    });
    expect(saved.status).toBe(303);
    expect(await isPublicInDatabase(account.username)).toBe(true);
  });

  describe('the reviews on a profile', () => {
    let author: NewAccount;
    let hiddenProduct: number;
    const names: string[] = []; // visible products' names, newest review first

    beforeAll(async () => {
      author = (await signedIn('author')).account;
      await setPublic(t.em(), author.username, true);
      const start = Date.parse('2026-03-01T12:00:00Z');
      // 12 visible reviews of visible products, one a day; the same instant twice, to show ties by id.
      for (let i = 0; i < 12; i++) {
        const name = `Profile Lamp ${String(i).padStart(2, '0')}`;
        const productId = await insertProduct(t.em(), { name });
        const created = new Date(start + Math.min(i, 10) * 86_400_000).toISOString();
        await insertRating(t.em(), { username: author.username, productId, rating: (i % 5) + 1, comment: `Lamp ${i}`, created });
        names.unshift(name);
      }
      // Reviews 10 and 11 share an instant: the larger id (11) comes first, as `names` has it.
      const hiddenReviewProduct = await insertProduct(t.em(), { name: 'Profile Hidden Review' });
      await insertRating(t.em(), { username: author.username, productId: hiddenReviewProduct, rating: 1, visible: false, created: '2026-04-01T00:00:00Z' });
      hiddenProduct = await insertProduct(t.em(), { name: 'Profile Secret Product', visible: false });
      await insertRating(t.em(), { username: author.username, productId: hiddenProduct, rating: 5, created: '2026-04-02T00:00:00Z' });
    });

    it('lists only visible reviews of visible products, newest first, 10 a page', async () => {
      const first = await request(t.server).get(`/users/${author.username}`).expect(200);
      expect(first.text).toContain('Showing 1–10 of 12');
      expect(reviewedProductNames(first.text)).toEqual(names.slice(0, 10));
      expect(first.text).not.toContain('Profile Hidden Review');
      expect(first.text).not.toContain('Profile Secret Product');
      expect(first.text).toContain(`href="/users/${author.username}?page&#x3D;2"`);
      const second = await request(t.server).get(`/users/${author.username}?page=2`).expect(200);
      expect(second.text).toContain('Showing 11–12 of 12');
      expect(reviewedProductNames(second.text)).toEqual(names.slice(10));
      // Past the end: the last page; not a number: the first.
      expect(reviewedProductNames((await request(t.server).get(`/users/${author.username}?page=9`)).text)).toEqual(names.slice(10));
      expect(reviewedProductNames((await request(t.server).get(`/users/${author.username}?page=abc`)).text)).toEqual(names.slice(0, 10));
    });

    it('shows each review as "N out of 5" with its date, its comment and a link to the product', async () => {
      const page = (await request(t.server).get(`/users/${author.username}?page=2`)).text;
      const [oldest] = await t.em().getConnection().execute(
        `select r.rating, p.id from ratings r join products p on p.id = r.product_id where p.name = 'Profile Lamp 00'`,
      );
      expect(page).toContain(`<a href="/products/${oldest.id}">Profile Lamp 00</a>`);
      expect(page).toContain(`<strong>${oldest.rating} out of 5</strong> · <time datetime="2026-03-01T12:00:00.000Z">2026-03-01</time>`);
      expect(page).toContain('<p class="review-comment">Lamp 0</p>');
    });

    it('lists reviews of hidden products to staff, marked, still without hidden reviews', async () => {
      const { client: staff } = await signedInWithRole(t.server, t.em(), 'shop_owner');
      const page = (await staff.get(`/users/${author.username}`).expect(200)).text;
      expect(page).toContain('Showing 1–10 of 13');
      expect(page).toContain(`<a href="/products/${hiddenProduct}">Profile Secret Product</a> <small class="muted">(hidden product)</small>`);
      expect(page).not.toContain('Profile Hidden Review');
    });

    it('swaps only the list when htmx asks for another page', async () => {
      const res = await request(t.server).get(`/users/${author.username}?page=2`).set(HTMX_PARTIAL).expect(200);
      expect(res.text.trim()).toMatch(/^<section id="profile-reviews"/);
      expect(res.text).not.toContain('<h1>');
      expect(res.headers.vary).toMatch(/HX-Request/);
      expect(reviewedProductNames(res.text)).toEqual(names.slice(10));
      const link = await request(t.server).get(`/users/${author.username}`);
      expect(link.text).toContain(`hx-get="/users/${author.username}?page&#x3D;2" hx-target="#profile-reviews" hx-swap="outerHTML" hx-push-url="true"`);
      // htmx swapping the whole body gets the whole page.
      const full = await request(t.server).get(`/users/${author.username}?page=2`).set({ 'HX-Request': 'true', 'HX-Request-Type': 'full' });
      expect(full.text).toContain(`<h1>${author.username}</h1>`);
    });
  });

  it('shows a comment as plain text: <script> escaped, line breaks kept', async () => {
    const { account } = await signedIn('escaper');
    await setPublic(t.em(), account.username, true);
    const productId = await insertProduct(t.em(), { name: 'Profile Escape Mug' });
    await insertRating(t.em(), {
      username: account.username,
      productId,
      rating: 2,
      comment: '<script>alert("x")</script> & <b>bold</b>\nsecond line\r\nthird line',
    });
    const page = (await request(t.server).get(`/users/${account.username}`).expect(200)).text;
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>bold</b>');
    expect(page).toContain(
      '<p class="review-comment">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;<br>second line<br>third line</p>',
    );
  });

  it('works signed out and needs no CSRF token (a GET); the owner signed out gets the 404 too', async () => {
    const { client, account } = await signedIn('signedout');
    await client.get(`/users/${account.username}`).expect(200);
    const token = csrfFrom((await client.get('/account')).text);
    await client.post('/logout').type('form').send({ _csrf: token });
    await client.get(`/users/${account.username}`).expect(404);
    await logIn(client, account.username, PASSWORD);
    await client.get(`/users/${account.username}`).expect(200);
  });
});
