/**
 * npm run screenshots: starts the built shop on a throw-away embedded database with the demo
 * catalog, drives Chromium through the main pages (as a shopper and as the admin) and writes
 * PNGs into docs/screenshots/ for the README.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { resolveFromRoot } from '../src/common/paths';
import { freePort, startShop } from '../test/support/process';

const OUT = resolveFromRoot('docs', 'screenshots');
const ADMIN = { username: 'admin', password: 'screenshot-admin-1' };
const SHOPPER = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery' };
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-screenshots-'));
  const port = await freePort();
  const shop = await startShop(
    { DATA_DIR: dataDir, SEED_DEMO: 'true', ADMIN_PASSWORD: ADMIN.password, BCRYPT_COST: '4', NODE_ENV: 'development' },
    port,
    // A fresh embedded database and the demo catalog: slower than a restart, more so on a busy machine.
    180_000,
  );
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const base = `http://127.0.0.1:${port}`;
  mkdirSync(OUT, { recursive: true });
  try {
    const shopper = await (await browser.newContext({ baseURL: base, viewport: DESKTOP, deviceScaleFactor: 1 })).newPage();
    await register(shopper);
    await shopper.goto('/shop');
    await shot(shopper, 'shop-desktop');
    const inStock = shopper.locator('article.product-card').filter({ has: shopper.getByRole('button', { name: /^Add .* to cart$/ }) });
    await inStock.first().locator('h2 a').click();
    await shopper.getByLabel('Quantity').fill('2');
    await shopper.getByRole('button', { name: 'Add to cart' }).click();
    await shopper.getByText('View cart').first().waitFor();
    await shot(shopper, 'product-desktop');
    await shopper.goto('/shop');
    await shopper.getByRole('button', { name: /^Add .* to cart$/ }).nth(2).click();
    await shopper.getByText('View cart').first().waitFor();

    await shopper.setViewportSize(PHONE);
    await shopper.goto('/cart');
    await shot(shopper, 'cart-phone');

    const admin = await (await browser.newContext({ baseURL: base, viewport: DESKTOP, deviceScaleFactor: 1 })).newPage();
    await admin.goto('/login');
    await admin.getByLabel('Username or email').fill(ADMIN.username);
    await admin.getByLabel('Password').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.waitForURL('**/account');
    await admin.goto('/admin/products');
    await shot(admin, 'staff-products-desktop');
    console.log(`Screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    shop.child.kill('SIGTERM');
    await shop.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function register(page: Page): Promise<void> {
  await page.goto('/register');
  await page.getByLabel('Username').fill(SHOPPER.username);
  await page.getByLabel('Email').fill(SHOPPER.email);
  await page.getByLabel('Password', { exact: true }).fill(SHOPPER.password);
  await page.getByLabel('Confirm password').fill(SHOPPER.password);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL('**/account');
}

/** The window's view (not the whole page): what a visitor sees first, and a small file. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
