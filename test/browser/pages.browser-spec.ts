import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { browserLogIn } from '../support/browser-accounts';
import { insertProduct } from '../support/catalog';
import { logIn, newAccount, register } from '../support/accounts';
import { addToCart, openCheckout, placeOrder } from '../support/checkout';
import { agent } from '../support/http';
import { DESKTOP, expectAccessible, expectNoSidewaysScroll, NARROW_PHONE, PHONE } from '../support/page-checks';
import type { TestApp } from '../support/test-app';

/**
 * A tour of every page, as a visitor, a shopper and an admin, with JavaScript on and off: each
 * page passes axe at a desktop's and a phone's width and never scrolls sideways, down to 360 px.
 * The journeys (other specs) run at one width; this spec is where the widths are covered.
 */
describeInBrowser('every page, on a desktop and on a phone', () => {
  const ids: Record<string, number> = {};
  const suite = browserSuite(async (t) => {
    const em = t.em();
    ids.kettle = await insertProduct(em, {
      name: 'Stovetop Kettle With An Unusually Long Name For A Product',
      category: 'Kitchen & Dining',
      price: '1234.50',
      stock: 40,
      age: 4,
    });
    ids.mug = await insertProduct(em, { name: 'Tour Mug', category: 'Kitchen & Dining', price: '9.00', stock: 3, age: 3 });
    ids.hat = await insertProduct(em, { name: 'Tour Hat', category: 'Clothing', price: '20.00', stock: 0, age: 2 });
    ids.hidden = await insertProduct(em, { name: 'Tour Secret', category: 'Clothing', price: '5.00', stock: 9, age: 1, visible: false });
  });

  /** Visits `path` at each width: axe at desktop and phone widths, overflow at all three. */
  async function tour(page: Page, path: string, where: string): Promise<void> {
    await page.goto(path);
    for (const size of [DESKTOP, PHONE, NARROW_PHONE]) {
      await page.setViewportSize(size);
      if (size !== NARROW_PHONE) await expectAccessible(page, where);
      await expectNoSidewaysScroll(page, where);
    }
    await page.setViewportSize(DESKTOP);
  }

  /** A signed-in shopper with an order placed and two lines in the cart. */
  async function shopperWithHistory(t: TestApp, page: Page): Promise<number> {
    const account = await browserLogIn(page, t.server, t.em());
    const client = agent(t.server);
    await logIn(client, account.username, account.password);
    await addToCart(client, ids.mug, 1);
    const { fields } = await openCheckout(client);
    const placed = await placeOrder(client, fields);
    const orderId = Number(/\/orders\/(\d+)\//.exec(placed.headers.location)![1]);
    await addToCart(client, ids.kettle, 2);
    await addToCart(client, ids.mug, 1);
    return orderId;
  }

  // A tour is many pages at three widths: more than one journey's time.
  const TOUR_TIMEOUT = 240_000;

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`a visitor's pages (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await tour(page, '/shop', `/shop, ${mode}`);
      await tour(page, '/shop?category=Nothing', `/shop with no match, ${mode}`);
      await tour(page, `/products/${ids.kettle}`, `a product, ${mode}`);
      await tour(page, `/products/${ids.hat}`, `a product out of stock, ${mode}`);
      await tour(page, '/login', `/login, ${mode}`);
      await tour(page, '/register', `/register, ${mode}`);
      await tour(page, '/register/availability?username=x', `the availability page, ${mode}`);
      await tour(page, '/products/999999', `a 404 page, ${mode}`);
      // A form in error: every field marked and its message tied to it.
      await page.goto('/register');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByText('Type the password again.').waitFor();
      await expectFieldsTiedToMessages(page, ['username', 'email', 'password', 'confirmPassword']);
      await expectAccessible(page, `/register with errors, ${mode}`);
      expect(errors).toEqual([]);
      await context.close();
    }, TOUR_TIMEOUT);

    it(`a shopper's pages (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      const orderId = await shopperWithHistory(suite.t, page);
      await tour(page, '/account', `/account, ${mode}`);
      await tour(page, '/profile', `/profile, ${mode}`);
      await tour(page, '/shop', `/shop signed in, ${mode}`);
      await tour(page, `/products/${ids.mug}`, `a product signed in, ${mode}`);
      await tour(page, '/cart', `/cart, ${mode}`);
      await tour(page, '/checkout', `/checkout, ${mode}`);
      await tour(page, '/orders', `/orders, ${mode}`);
      await tour(page, `/orders/${orderId}`, `an order, ${mode}`);
      await tour(page, `/orders/${orderId}/confirmation`, `a confirmation, ${mode}`);
      await tour(page, '/admin/products', `a 403 page, ${mode}`);

      // The checkout refused: the summary at the top, and every field in error marked.
      await page.goto('/checkout');
      await page.getByLabel('First name').fill('');
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.locator('#error-summary').waitFor();
      await page.setViewportSize(PHONE);
      await expectAccessible(page, `/checkout with errors, ${mode}`);
      await expectNoSidewaysScroll(page, `/checkout with errors, ${mode}`);
      await page.setViewportSize(DESKTOP);
      await expectFieldsTiedToMessages(page, ['firstName', 'paymentMethod', 'amountPaid']);
      expect(errors).toEqual([]);
      await context.close();
    }, TOUR_TIMEOUT);

    it(`staff pages (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await browserLogIn(page, suite.t.server, suite.t.em(), 'admin');
      await tour(page, '/admin', `the dashboard, ${mode}`);
      await tour(page, '/admin/products', `/admin/products, ${mode}`);
      await tour(page, '/admin/products?max_stock=0&name=zzz', `/admin/products filtered to nothing, ${mode}`);
      await tour(page, '/admin/products/new', `/admin/products/new, ${mode}`);
      await tour(page, '/admin/products/import', `/admin/products/import, ${mode}`);
      await tour(page, `/admin/products/${ids.hidden}/edit`, `a product's edit page, ${mode}`);
      await tour(page, `/products/${ids.hidden}`, `a hidden product as staff, ${mode}`);
      await tour(page, '/admin/orders', `/admin/orders, ${mode}`);
      await tour(page, '/admin/users', `/admin/users, ${mode}`);
      expect(errors).toEqual([]);
      await context.close();
    }, TOUR_TIMEOUT);
  }

  it('opens the menu on a phone without JavaScript, and shows its links in a row on a desktop', async () => {
    const { page, context } = await newPage(suite.browser, suite.t.baseUrl, false);
    await browserLogIn(page, suite.t.server, suite.t.em(), 'shop_owner');
    await page.setViewportSize(PHONE);
    await page.goto('/shop');
    const orders = page.getByRole('link', { name: 'Orders', exact: true });
    expect(await orders.isVisible()).toBe(false);
    // The cart stays in sight outside the menu.
    expect(await page.locator('#nav-cart').isVisible()).toBe(true);
    await page.getByText('Menu', { exact: true }).click();
    await orders.waitFor();
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the open menu at 390 px, JS off');
    await expectNoSidewaysScroll(page, 'the open menu at 390 px, JS off');
    await screenshot(page, 'menu-phone-nojs');
    await orders.click();
    await page.waitForURL('**/orders');

    await page.setViewportSize(DESKTOP);
    expect(await page.getByText('Menu', { exact: true }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Orders', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    await context.close();
  });

  it('asks before granting admin, and names roles in words (JS on)', async () => {
    const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, true);
    await browserLogIn(page, suite.t.server, suite.t.em(), 'admin');
    const someone = newAccount('promote');
    await register(agent(suite.t.server), someone);
    await page.goto(`/admin/users?q=${someone.username}`);
    const row = page.locator('#user-rows tr').filter({ hasText: someone.username });
    await row.getByText('Customer', { exact: true }).waitFor();
    const asked: string[] = [];
    let accept = false;
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
    await row.getByRole('button', { name: 'Grant admin' }).click();
    expect(asked).toEqual([`Make ${someone.username} an admin? Admins can manage products, orders and every user's roles.`]);
    expect(await row.getByRole('button', { name: 'Revoke admin' }).count()).toBe(0);
    accept = true;
    await row.getByRole('button', { name: 'Grant admin' }).click();
    await row.getByRole('button', { name: 'Revoke admin' }).waitFor();
    await row.getByText('Admin', { exact: true }).waitFor();
    // Granting shop_owner asks nothing.
    await row.getByRole('button', { name: 'Grant shop_owner' }).click();
    await row.getByText('Shop owner', { exact: true }).waitFor();
    expect(asked).toHaveLength(2);
    await expectAccessible(page, '/admin/users after granting, JS on');
    expect(errors).toEqual([]);
    await context.close();
  });

  /** Each field in error says so (aria-invalid) and names its message (aria-describedby). */
  async function expectFieldsTiedToMessages(page: Page, fields: string[]): Promise<void> {
    for (const field of fields) {
      const input = page.locator(`#${field}`);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      const described = (await input.getAttribute('aria-describedby')) ?? '';
      expect(described.split(' ')).toContain(`${field}-error`);
      expect((await page.locator(`#${field}-error`).innerText()).trim()).not.toBe('');
      // Pico colours a field in error: its border is not the plain one.
      const border = await input.evaluate((element) => getComputedStyle(element).borderColor);
      expect(border).not.toBe('rgb(207, 213, 226)');
    }
  }
});

