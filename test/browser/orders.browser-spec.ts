import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { browserLogIn, documentIsMarked, markDocument } from '../support/browser-accounts';
import { newAccount, register } from '../support/accounts';
import { insertProduct } from '../support/catalog';
import { agent } from '../support/http';
import { insertOrder } from '../support/orders';

describeInBrowser('orders after the purchase in Chromium', () => {
  const suite = browserSuite();

  async function someonesOrder(username: string, stock = 5, quantity = 1, created = new Date().toISOString(), price = '12.00') {
    const product = await insertProduct(suite.t.em(), { name: `Browser Vase ${Math.random().toString(36).slice(2, 6)}`, stock });
    const orderId = await insertOrder(suite.t.em(), { username, created, lines: [{ productId: product, quantity, price }] });
    return { product, orderId };
  }

  async function aBuyer(): Promise<string> {
    const account = newAccount('buyer');
    await register(agent(suite.t.server), account);
    return account.username;
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`lets staff ship and then deliver an order (${mode})`, async () => {
      const { orderId } = await someonesOrder(await aBuyer());
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await browserLogIn(page, suite.t.server, suite.t.em(), 'shop_owner');
      await page.goto(`/orders/${orderId}`);
      await page.getByRole('heading', { name: 'Status: Placed' }).waitFor();
      await markDocument(page);
      await page.getByRole('button', { name: 'Mark shipped' }).click();
      await page.getByRole('heading', { name: 'Status: Shipped' }).waitFor();
      await page.getByText('Order marked shipped.').waitFor();
      expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Mark delivered' }).click();
      await page.getByRole('heading', { name: 'Status: Delivered' }).waitFor();
      expect(await page.getByRole('button', { name: /Mark (shipped|delivered)/ }).count()).toBe(0);
      // With htmx the status block swapped in place; without, each move loaded the page again.
      expect(await documentIsMarked(page)).toBe(javaScriptEnabled);
      await screenshot(page, `order-delivered-${javaScriptEnabled ? 'js' : 'nojs'}`);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`lets a buyer cancel and shows the stock back on the product page (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      const account = await browserLogIn(page, suite.t.server, suite.t.em());
      const { product, orderId } = await someonesOrder(account.username, 3, 2);
      await page.goto(`/products/${product}`);
      await page.getByText('3 in stock').waitFor();
      await page.goto(`/orders/${orderId}`);
      await page.getByRole('button', { name: 'Cancel order' }).click();
      await page.getByRole('heading', { name: 'Status: Cancelled' }).waitFor();
      expect(dialogs).toEqual(javaScriptEnabled ? [`Cancel order #${orderId}? Its items go back into stock.`] : []);
      await page.goto(`/products/${product}`);
      await page.getByText('5 in stock').waitFor();
      await page.goto('/orders');
      await rowOf(page, orderId).getByText('Cancelled').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`filters the staff history by dates and shows the total (${mode})`, async () => {
      const buyer = await aBuyer();
      const year = javaScriptEnabled ? '2024' : '2023';
      await someonesOrder(buyer, 5, 1, `${year}-05-01T12:00:00Z`, '10.00');
      await someonesOrder(buyer, 5, 2, `${year}-05-02T12:00:00Z`, '7.50');
      await someonesOrder(buyer, 5, 1, `${year}-05-03T12:00:00Z`, '99.00');
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await browserLogIn(page, suite.t.server, suite.t.em(), 'admin');
      await page.goto('/admin/orders');
      await markDocument(page);
      await page.getByLabel('From').fill(`${year}-05-01`);
      await page.getByLabel('To').fill(`${year}-05-02`);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('Total $25.00').waitFor();
      await page.getByText('2 orders').waitFor();
      expect(page.url()).toContain(`from=${year}-05-01&to=${year}-05-02`);
      expect(await documentIsMarked(page)).toBe(javaScriptEnabled);

      // From after To: the message beside To, no rows.
      await page.getByLabel('From').fill(`${year}-05-03`);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('To must be on or after From.').waitFor();
      expect(await page.locator('table.order-history').count()).toBe(0);
      await screenshot(page, `orders-filter-${javaScriptEnabled ? 'js' : 'nojs'}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

function rowOf(page: Page, orderId: number) {
  return page.locator('tr', { has: page.locator(`a[href="/orders/${orderId}"]`) });
}
