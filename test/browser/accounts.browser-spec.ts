import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { newAccount, PASSWORD, register } from '../support/accounts';
import { agent } from '../support/http';
import { expectGoodPage } from '../support/page-checks';

describeInBrowser('accounts in Chromium', () => {
  const suite = browserSuite();

  async function fillRegistration(page: Page, account: { username: string; email: string }, confirm = PASSWORD) {
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(confirm);
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`registers, lands on /account, logs out and logs in again (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      const account = newAccount('browser');
      await page.goto('/register');

      // A mistake first: the form comes back with the message and what was typed.
      await fillRegistration(page, account, 'not the same password');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByText('The two passwords do not match.').waitFor();
      await expectGoodPage(page, `/register refused, ${mode}`);
      expect(await page.getByLabel('Username').inputValue()).toBe(account.username);
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');

      await fillRegistration(page, account);
      await page.getByRole('button', { name: 'Register' }).click();
      await page.waitForURL('**/account');
      await page.getByRole('heading', { name: `Welcome, ${account.username}` }).waitFor();
      await page.getByText('Your account is ready').waitFor();
      await screenshot(page, `account-${javaScriptEnabled ? 'js' : 'nojs'}`);
      await expectGoodPage(page, `/account after registering, ${mode}`);

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL('**/login?logged_out=1');
      await page.getByText('You have been logged out.').waitFor();
      await page.goBack();
      // Back shows no private page: /account is fetched again (no-store) and sends the visitor to log in.
      await page.waitForURL(/\/login\?next=%2Faccount/);
      expect(await page.getByText(`Welcome, ${account.username}`).count()).toBe(0);

      await page.goto('/login');
      await page.getByLabel('Username or email').fill(account.email);
      await page.getByLabel('Password').fill('wrong password!');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText('That password is not right').waitFor();
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL('**/account');
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`shows every registration error at once (${javaScriptEnabled ? 'JS on' : 'JS off'})`, async () => {
      const taken = newAccount('every');
      await register(agent(suite.t.server), taken);
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await page.goto('/register');
      await fillRegistration(page, taken, 'not the same password');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.locator('#confirmPassword-error').getByText('The two passwords do not match.').waitFor();
      expect(await page.locator('#username-error').innerText()).toBe('That username is already taken.');
      expect(await page.locator('#email-error').innerText()).toBe('An account with that email already exists.');
      await expectGoodPage(page, `/register with every error, ${javaScriptEnabled ? 'JS on' : 'JS off'}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('hides the availability page link when JavaScript checks the fields itself', async () => {
    const link = (page: Page) => page.getByRole('link', { name: 'Check whether a username or email is free' });
    const withJs = await newPage(suite.browser, suite.t.baseUrl, true);
    await withJs.page.goto('/register');
    expect(await link(withJs.page).count()).toBe(0);
    await withJs.context.close();
    const withoutJs = await newPage(suite.browser, suite.t.baseUrl, false);
    await withoutJs.page.goto('/register');
    expect(await link(withoutJs.page).isVisible()).toBe(true);
    await withoutJs.context.close();
  });

  it('checks username and email availability inline when a field is left (JS on)', async () => {
    const taken = newAccount('taken');
    await register(agent(suite.t.server), taken);
    const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, true);
    await page.goto('/register');
    await page.getByLabel('Username').fill(taken.username);
    await page.getByLabel('Email').click(); // leaving the field asks the server
    await page.locator('#username-availability').getByText('That username is already taken.').waitFor();
    await page.getByLabel('Username').fill('free_name_77');
    await page.getByLabel('Email').fill(taken.email);
    await page.getByLabel('Password', { exact: true }).click();
    await page.locator('#username-availability').getByText('free_name_77 is available.').waitFor();
    await page.locator('#email-availability').getByText('An account with that email already exists.').waitFor();
    await expectGoodPage(page, '/register with availability answers, JS on');
    expect(errors).toEqual([]);
    await context.close();
  });
});
