import type { Page } from 'playwright-core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { grantInDatabase, newAccount, register, type NewAccount } from './accounts';
import { agent } from './http';
import type { Server } from 'node:http';

/** Creates an account (optionally staff) over HTTP, then logs it in through the browser's form. */
export async function browserLogIn(
  page: Page,
  server: Server,
  em: EntityManager,
  role?: 'admin' | 'shop_owner',
): Promise<NewAccount> {
  const account = newAccount(role ?? 'shopper');
  await register(agent(server), account);
  if (role) await grantInDatabase(em, account.username, role);
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/account');
  return account;
}

/** Marks the current document; the mark survives htmx swaps but not a full page load. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __mark: boolean }).__mark = true));
}

export async function documentIsMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __mark?: boolean }).__mark === true);
}
