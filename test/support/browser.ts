import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/**
 * Browser specs run when Debian's chromium is installed. Locally they skip with a message;
 * in CI (CI=true) a missing browser is a failure, never a silent skip.
 */
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable) {
  if (process.env.CI) throw new Error(`CI must run the browser specs, but ${CHROMIUM} is missing.`);
  console.warn(`Browser specs skipped: ${CHROMIUM} not found (apt-get install -y chromium).`);
}
export const describeInBrowser = browserAvailable ? describe : describe.skip;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Profiles opened with JavaScript off (page-checks audits their pages in a copy that may run axe). */
export const javaScriptOff = new WeakSet<BrowserContext>();

/** A fresh browser profile, with JavaScript on (htmx swaps) or off (plain forms). */
export async function newPage(browser: Browser, baseURL: string, javaScriptEnabled: boolean) {
  const context: BrowserContext = await browser.newContext({ baseURL, javaScriptEnabled });
  if (!javaScriptEnabled) javaScriptOff.add(context);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // 4xx answers (422 form errors, 409 conflicts) are expected; anything else is not.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
