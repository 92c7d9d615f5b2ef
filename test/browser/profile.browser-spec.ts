import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage } from '../support/browser';
import { newAccount, PASSWORD, register } from '../support/accounts';
import { agent } from '../support/http';

describeInBrowser('the profile in Chromium', () => {
  const suite = browserSuite();

  async function logIn(page: Page, identifier: string) {
    await page.goto('/login');
    await page.getByLabel('Username or email').fill(identifier);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/account');
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`asks for the current password to change the email, and signs out other sessions (${mode})`, async () => {
      const account = newAccount('bprofile');
      await register(agent(suite.t.server), account);
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      const other = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await logIn(page, account.username);
      await logIn(other.page, account.username);

      await page.goto('/profile');
      const profileForm = page.locator('form[action="/profile"]');
      const newEmail = `moved_${account.email}`;
      await profileForm.getByLabel('Email').fill(newEmail);
      await profileForm.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Enter your current password to make this change.').waitFor();
      expect(await profileForm.getByLabel('Email').inputValue()).toBe(newEmail);

      await page.locator('form[action="/profile"]').getByLabel('Current password').fill(PASSWORD);
      await page.locator('form[action="/profile"]').getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Your profile has been saved.').waitFor();
      await page.getByText(newEmail).first().waitFor();

      await page.getByRole('button', { name: 'Sign out other sessions' }).click();
      await page.getByText('Your other sessions have been signed out.').waitFor();
      await page.goto('/account');
      await page.getByRole('heading', { name: `Welcome, ${account.username}` }).waitFor();
      await other.page.goto('/account');
      await other.page.waitForURL(/\/login\?next=%2Faccount/);

      expect(errors).toEqual([]);
      expect(other.errors).toEqual([]);
      await other.context.close();
      await context.close();
    });
  }
});
