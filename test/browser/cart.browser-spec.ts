import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { browserLogIn, documentIsMarked, markDocument } from '../support/browser-accounts';
import { insertProduct } from '../support/catalog';
import { expectGoodPage } from '../support/page-checks';

describeInBrowser('the cart in Chromium', () => {
  const ids: Record<string, number> = {};
  const suite = browserSuite(async (t) => {
    ids.mug = await insertProduct(t.em(), { name: 'Browser Mug', price: '4.25', stock: 20, age: 2 });
    ids.lamp = await insertProduct(t.em(), { name: 'Browser Lamp', price: '30.00', stock: 3, age: 1 });
  });

  const navCount = (page: Page) => page.locator('#nav-cart').innerText();
  const row = (page: Page, id: number) => page.locator(`#cart-line-${id}`);

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`adds from the shop and the details page, changes a quantity and removes a line (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      await browserLogIn(page, suite.t.server, suite.t.em());

      // One click on the shop list.
      await page.goto('/shop');
      await page.getByRole('button', { name: 'Add Browser Mug to cart' }).click();
      await page.getByText('Added 1 × Browser Mug to your cart.').waitFor();
      // The message shows in the sticky header beside the Cart link; with htmx it links there too.
      await page.locator('#messages').getByText('Added 1 × Browser Mug to your cart.').waitFor();
      if (javaScriptEnabled) await page.locator('#messages').getByRole('link', { name: 'View cart' }).waitFor();
      await waitForText(page, '#nav-cart', '1');

      // Quantity on the details page, with a refusal first.
      await page.goto(`/products/${ids.lamp}`);
      await page.getByLabel('Quantity').fill('5');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByText('Only 3 left of Browser Lamp.').waitFor();
      await page.getByLabel('Quantity').fill('2');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByText('Added 2 × Browser Lamp to your cart.').waitFor();
      if (javaScriptEnabled) await page.locator('#add-to-cart').getByRole('link', { name: 'View cart' }).waitFor();
      await waitForText(page, '#nav-cart', '3');

      await page.goto('/cart');
      await markDocument(page);
      await row(page, ids.mug).getByLabel('Quantity of Browser Mug').fill('4');
      await row(page, ids.mug).getByRole('button', { name: 'Update' }).click();
      await waitForText(page, `#cart-line-${ids.mug} .subtotal`, '$17.00');
      await waitForText(page, '#cart-total', '$77.00');
      await waitForText(page, '#nav-cart', '6');
      await screenshot(page, `cart-${javaScriptEnabled ? 'js' : 'nojs'}`);
      await expectGoodPage(page, `/cart, ${mode}`);

      await row(page, ids.mug).getByLabel('Quantity of Browser Mug').fill('1.5');
      await row(page, ids.mug).getByRole('button', { name: 'Update' }).click();
      await row(page, ids.mug).getByText('Quantity must be a whole number').waitFor();

      // Mark the other row: with htmx it must survive the removal untouched (only one row swaps).
      await row(page, ids.mug).evaluate((element) => element.setAttribute('data-untouched', 'yes'));
      await row(page, ids.lamp).getByRole('button', { name: 'Remove Browser Lamp' }).click();
      await row(page, ids.lamp).waitFor({ state: 'detached' });
      // Remove says what it removed, with JavaScript as without.
      await page.locator('#messages').getByText('Removed Browser Lamp from your cart.').waitFor();
      await waitForText(page, '#cart-total', '$17.00');
      await waitForText(page, '#nav-cart', '4');
      // With htmx all of this happened in one document; without, every step was a new page.
      expect(await documentIsMarked(page)).toBe(javaScriptEnabled);
      expect(await row(page, ids.mug).getAttribute('data-untouched')).toBe(javaScriptEnabled ? 'yes' : null);

      await page.getByRole('button', { name: 'Clear cart' }).click();
      await page.locator('.empty-state').getByText('Your cart is empty.').waitFor();
      // With JavaScript, Clear cart asks first (hx-confirm); without, it clears at once.
      expect(dialogs).toEqual(javaScriptEnabled ? ['Remove every item from your cart?'] : []);
      await page.waitForFunction(() => !/\d/.test(document.querySelector('#nav-cart')?.textContent ?? ''));
      expect(await navCount(page)).toBe('Cart');
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('disables the button and shows the spinner while an htmx request runs (JS on)', async () => {
    const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, true);
    await browserLogIn(page, suite.t.server, suite.t.em());
    await page.goto('/shop');
    // Hold the request until the page has been looked at mid-flight.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/cart/items', async (route) => {
      await held;
      await route.continue();
    });
    const button = page.getByRole('button', { name: 'Add Browser Mug to cart' });
    await button.click();
    await page.waitForFunction(() => document.querySelector('form.add-one.htmx-request button[disabled]') !== null);
    const spinner = await button.evaluate((element) => getComputedStyle(element, '::before').backgroundImage);
    expect(spinner).toMatch(/^url\(/);
    release();
    await page.getByText('Added 1 × Browser Mug to your cart.').waitFor();
    expect(await button.isDisabled()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, expected]) => (document.querySelector(sel)?.textContent ?? '').includes(expected),
    [selector, text] as const,
  );
}
