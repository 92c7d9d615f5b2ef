import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { expectGoodPage } from '../support/page-checks';

describeInBrowser('smoke: the shop in Chromium', () => {
  const suite = browserSuite();

  it('loads /shop styled, with htmx running and no console errors', async () => {
    const { page, errors, context } = await newPage(suite.browser, suite.t.baseUrl, true);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/shop');
    await page.getByRole('heading', { name: 'Shop' }).waitFor();
    // Pico's styles are applied: the body font is not the browser's default serif.
    const fontFamily = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(fontFamily).not.toMatch(/^"?Times/);
    const htmxVersion = await page.evaluate(() => (window as unknown as { htmx?: { version: string } }).htmx?.version);
    expect(htmxVersion).toMatch(/^4\./);
    await screenshot(page, 'smoke-shop');
    await expectGoodPage(page, '/shop, JS on');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works with JavaScript off too', async () => {
    const { page, context } = await newPage(suite.browser, suite.t.baseUrl, false);
    await page.goto('/shop');
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    await expectGoodPage(page, '/shop, JS off');
    await context.close();
  });
});
