import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { javaScriptOff } from './browser';

/** The widths every page is designed for: a desktop, a common phone, and the narrowest phone we support. */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const NARROW_PHONE = { width: 360, height: 740 };

/**
 * What every browser spec asks of each page and state it visits: axe-core finds no
 * accessibility violation of any impact, and the page does not scroll sideways at its width.
 * `where` names the page and state in the failure message.
 */
export async function expectGoodPage(page: Page, where: string): Promise<void> {
  await expectAccessible(page, where);
  await expectNoSidewaysScroll(page, where);
}

/** axe-core's WCAG 2.x A/AA rules and its best practices: no violation, whatever its impact. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = javaScriptOff.has(page.context()) ? await analyzeCopy(page) : await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.impact ?? 'unknown'} ${violation.id}: ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ')}`).join('\n'),
  );
  if (found.length > 0) throw new Error(`axe found ${found.length} violation(s) on ${where} (${widthOf(page)} px):\n${found.join('\n')}`);
}

/** The document is no wider than the window: nothing to scroll to sideways. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const viewport = window.innerWidth;
    // Name the widest element sticking out, so a failure says what to fix.
    let widestElement = '';
    let widestRight = viewport;
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const right = element.getBoundingClientRect().right;
      if (right > widestRight + 0.5) {
        widestRight = right;
        widestElement = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ').join('.')}` : ''}`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: viewport, widest: `${widestElement} (${Math.round(widestRight)} px)` };
  });
  if (scrollWidth > innerWidth) throw new Error(`${where} is ${scrollWidth} px wide in a ${innerWidth} px window; widest: ${widest}`);
}

/**
 * axe needs JavaScript (its timers never fire in a page without it), so a page seen with
 * JavaScript off is audited as a copy: its DOM as it stands (what the server sent, plus any
 * <details> opened), without scripts and with <noscript> content shown as the visitor sees it,
 * served at the same URL and width to a profile that may run axe.
 */
async function analyzeCopy(page: Page) {
  const url = page.url();
  const html = (await page.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<\/?noscript>/gi, '');
  const context = await page.context().browser()!.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
    storageState: await page.context().storageState(),
  });
  try {
    const copy = await context.newPage();
    await copy.route((address) => address.href === url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(url);
    return await new AxeBuilder({ page: copy }).analyze();
  } finally {
    await context.close();
  }
}

function widthOf(page: Page): number {
  return page.viewportSize()?.width ?? 0;
}
