import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { browserLogIn, documentIsMarked, markDocument } from '../support/browser-accounts';
import { insertProduct } from '../support/catalog';
import { expectGoodPage } from '../support/page-checks';

describeInBrowser('the catalog in Chromium', () => {
  const suite = browserSuite(async (t) => {
    const em = t.em();
    await insertProduct(em, { name: 'Blue Mug', category: 'Kitchen', price: '12.00', age: 30 });
    await insertProduct(em, { name: 'Red Mug', category: 'Kitchen', price: '9.00', age: 20 });
    await insertProduct(em, { name: 'Wool Hat', category: 'Clothing', price: '20.00', age: 10 });
  });

  const cards = (page: import('playwright-core').Page) => page.locator('#results article h2');

  it('filters the shop as you type, swapping only the results and updating the URL (JS on)', async () => {
    const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, true);
    await page.goto('/shop');
    await markDocument(page);
    // Each filter is named by its label alone, not by the options inside it ("Price: low to high"
    // once made the Sort select answer to "To" and "High").
    expect(await page.getByLabel('To').count()).toBe(0);
    expect(await page.getByLabel('Sort').count()).toBe(1);
    await page.getByLabel('Search').fill('mug');
    await page.waitForURL(/name=mug/);
    await expectNames(page, ['Red Mug', 'Blue Mug']);
    await page.getByLabel('Sort').selectOption('price_desc');
    await page.waitForURL(/sort=price_desc/);
    await expectNames(page, ['Blue Mug', 'Red Mug']);
    expect(await documentIsMarked(page)).toBe(true); // no full page load happened
    await screenshot(page, 'shop-filtered');
    await expectGoodPage(page, '/shop filtered, JS on');

    // The URL is shareable: opening it fresh shows the same results and filters.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    expect(await other.getByLabel('Search').inputValue()).toBe('mug');
    expect(await cards(other).allTextContents()).toEqual(['Blue Mug', 'Red Mug']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters the shop with a plain GET form (JS off)', async () => {
    const { page, context } = await newPage(suite.browser, suite.t.baseUrl, false);
    await page.goto('/shop');
    await page.getByLabel('Category').selectOption('Clothing');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/category=Clothing/);
    expect(await cards(page).allTextContents()).toEqual(['Wool Hat']);
    await context.close();
  });

  it('edits a stock value inline as staff, swapping only the row (JS on)', async () => {
    const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, true);
    await browserLogIn(page, suite.t.server, suite.t.em(), 'shop_owner');
    await page.goto('/admin/products?name=Wool');
    await markDocument(page);
    const stock = page.getByLabel('Stock of Wool Hat');
    await stock.fill('42');
    await page.getByRole('button', { name: 'Save Wool Hat' }).click();
    await page.locator('#admin-results').getByText('Saved.').waitFor();
    expect(await page.getByLabel('Stock of Wool Hat').inputValue()).toBe('42');
    expect(await documentIsMarked(page)).toBe(true);
    const [row] = await suite.t.em().getConnection().execute(`select stock from products where name = 'Wool Hat'`);
    expect(row.stock).toBe(42);
    await screenshot(page, 'admin-inline-edit');
    await expectGoodPage(page, '/admin/products after an inline save, JS on');
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`adds a product as staff and finds it on the shop (${javaScriptEnabled ? 'JS on' : 'JS off'})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await browserLogIn(page, suite.t.server, suite.t.em(), 'admin');
      await page.goto('/admin/products');
      await page.getByRole('link', { name: 'Add product' }).click();
      await page.waitForURL('**/admin/products/new');
      const name = `Teapot ${javaScriptEnabled ? 'JS' : 'plain'}`;
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Category').fill('Kitchen');
      await page.getByLabel('Stock').fill('3');
      await page.getByLabel('Unit price').fill('abc');
      await page.getByRole('button', { name: 'Save product' }).click();
      await page.getByText('Unit price must be an amount like 12.50').waitFor();
      expect(await page.getByLabel('Name').inputValue()).toBe(name);
      await expectGoodPage(page, `the product form refused, ${javaScriptEnabled ? 'JS on' : 'JS off'}`);
      await page.getByLabel('Unit price').fill('24.5');
      await page.getByRole('button', { name: 'Save product' }).click();
      await page.waitForURL(/\/admin\/products$/);
      await page.getByText(`Added ${name}.`).waitFor();
      await page.goto('/shop');
      await page.getByRole('link', { name }).first().waitFor();
      await page.getByText('$24.50').first().waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

async function expectNames(page: import('playwright-core').Page, names: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => JSON.stringify(Array.from(document.querySelectorAll('#results article h2')).map((h) => h.textContent?.trim())) === JSON.stringify(expected),
    names,
  );
}
