import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { browserLogIn, documentIsMarked, markDocument } from '../support/browser-accounts';
import { insertProduct } from '../support/catalog';
import { pictures } from '../support/uploads';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Pages through the shop, a picture uploaded by staff, a small CSV import: JS on and off. */
describeInBrowser('a growing catalog in Chromium', () => {
  const files = mkdtempSync(join(tmpdir(), 'shop-browser-'));
  const suite = browserSuite(async (t) => {
    // 23 products in their own category: three pages, the newest first.
    for (let i = 1; i <= 23; i++) await insertProduct(t.em(), { name: `Paged Item ${String(i).padStart(2, '0')}`, category: 'Paged', age: 1000 - i });
  });
  const names = (page: import('playwright-core').Page) => page.locator('#results article h2').allTextContents();

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`pages through the shop with Next and Previous (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await page.goto('/shop?category=Paged');
      await markDocument(page);
      expect((await names(page))[0]).toBe('Paged Item 23');
      await page.getByRole('link', { name: 'Next' }).click();
      await page.waitForURL(/category=Paged&page=2/);
      await page.getByText('Showing 11–20 of 23').waitFor();
      expect((await names(page))[0]).toBe('Paged Item 13');
      await page.getByRole('link', { name: 'Next' }).click();
      await page.waitForURL(/page=3/);
      await page.getByText('Showing 21–23 of 23').waitFor();
      expect(await names(page)).toEqual(['Paged Item 03', 'Paged Item 02', 'Paged Item 01']);
      expect(await page.getByRole('link', { name: 'Next' }).count()).toBe(0);
      // With htmx only the results were swapped; without, each click loaded a page.
      expect(await documentIsMarked(page)).toBe(javaScriptEnabled);
      await page.getByRole('link', { name: 'Previous' }).click();
      await page.waitForURL(/page=2/);
      await page.getByText('Showing 11–20 of 23').waitFor();
      expect(await page.getByLabel('Category').inputValue()).toBe('Paged');
      if (javaScriptEnabled) {
        await page.goBack();
        await page.waitForURL(/page=3/);
        await page.getByText('Showing 21–23 of 23').waitFor();
      }
      await screenshot(page, `shop-paged-${javaScriptEnabled ? 'js' : 'plain'}`);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`uploads a picture as staff and sees it on the shop (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await browserLogIn(page, suite.t.server, suite.t.em(), 'shop_owner');
      const name = `Photo Vase ${javaScriptEnabled ? 'JS' : 'plain'}`;
      const gif = join(files, 'refused.gif');
      writeFileSync(gif, await pictures.gif());
      const jpeg = join(files, `vase-${javaScriptEnabled}.jpg`);
      writeFileSync(jpeg, await pictures.jpeg());

      await page.goto('/admin/products/new');
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Category').fill('Home');
      await page.getByLabel('Stock').fill('2');
      await page.getByLabel('Unit price').fill('31.00');
      await page.getByLabel('Image').setInputFiles(gif);
      await page.getByRole('button', { name: 'Save product' }).click();
      await page.getByText('The image must be a JPEG, PNG or WebP file.').waitFor();
      expect(await page.getByLabel('Name').inputValue()).toBe(name);
      expect(await page.getByLabel('Unit price').inputValue()).toBe('31.00');

      await page.getByLabel('Image').setInputFiles(jpeg);
      await page.getByRole('button', { name: 'Save product' }).click();
      await page.waitForURL(/\/admin\/products$/);
      await page.getByText(`Added ${name}.`).waitFor();

      await page.goto(`/shop?name=${encodeURIComponent(name)}`);
      const img = page.getByRole('img', { name }).first();
      await img.waitFor();
      expect(await img.getAttribute('src')).toMatch(/^\/images\/[0-9a-f]{64}\.webp$/);
      // The picture really loaded: the browser decoded it at its stored size.
      expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(320);
      await screenshot(page, `shop-with-picture-${javaScriptEnabled ? 'js' : 'plain'}`);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`imports a small CSV: preview, then Apply import (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await browserLogIn(page, suite.t.server, suite.t.em(), 'admin');
      const suffix = javaScriptEnabled ? 'js' : 'plain';
      const csv = join(files, `import-${suffix}.csv`);
      writeFileSync(csv, `id,name,description,category,stock,unit_price,visible\n,Imported Kite ${suffix},Flies,Toys,4,12.00,true\n,Imported Yoyo ${suffix},,Toys,0,3.50,true\n`);
      await page.goto('/admin/products');
      await page.getByRole('link', { name: 'Import CSV' }).click();
      await page.waitForURL('**/admin/products/import');
      await page.getByLabel('CSV file').setInputFiles(csv);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText(`Line 2: Imported Kite ${suffix}`).waitFor();
      await page.getByText('2 to add, 0 to update').waitFor();
      await screenshot(page, `import-preview-${suffix}`);
      await page.getByRole('button', { name: 'Apply import' }).click();
      await page.waitForURL(/\/admin\/products$/);
      await page.getByText('Import applied: 2 added, 0 updated.').waitFor();
      await page.goto(`/shop?name=${encodeURIComponent(`Imported Kite ${suffix}`)}`);
      await page.getByRole('link', { name: `Imported Kite ${suffix}` }).first().waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
