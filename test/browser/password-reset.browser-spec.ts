import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, newPage, screenshot } from '../support/browser';
import { documentIsMarked, markDocument } from '../support/browser-accounts';
import { signedUp } from '../support/accounts';
import { agent } from '../support/http';
import { pathOf, SENT } from '../support/password-reset';
import { resetLinkIn, startInbox, type Inbox } from '../support/smtp-inbox';
import { createTestApp, type TestApp } from '../support/test-app';

describeInBrowser('password reset in Chromium', () => {
  let t: TestApp;
  let inbox: Inbox;
  let browser: Browser;
  beforeAll(async () => {
    inbox = await startInbox();
    t = await createTestApp({ listen: true, env: { SMTP_URL: inbox.url } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await inbox?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`forgot password → mail → new password → log in (${mode})`, async () => {
      const account = await signedUp(agent(t.server));
      const newPassword = `fresh password ${mode}`;
      const { page, context, errors } = await newPage(browser, t.baseUrl, javaScriptEnabled);

      await page.goto('/login');
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.waitForURL('**/password/forgot');
      await markDocument(page);
      const expected = inbox.messages.length + 1;
      await page.getByLabel('Email').fill(account.email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByText(SENT).waitFor();
      // With htmx the message takes the form's place in the same document; without, a new page.
      expect(await documentIsMarked(page)).toBe(javaScriptEnabled);
      await screenshot(page, `password-forgot-${javaScriptEnabled ? 'js' : 'nojs'}`);

      const mail = (await inbox.waitFor(expected))[expected - 1];
      expect(mail.envelopeTo).toEqual([account.email]);
      // PUBLIC_URL names port 3000 by default; the test app listens elsewhere, so follow the path.
      await page.goto(pathOf(resetLinkIn(mail.mail.text)));

      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Confirm new password').fill('something else');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('The two new passwords do not match.').waitFor();
      expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('');

      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Confirm new password').fill(newPassword);
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.waitForURL('**/login');
      await page.getByText('Your password was changed. Please log in.').waitFor();

      await page.getByLabel('Username or email').fill(account.username);
      await page.getByLabel('Password').fill(newPassword);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL('**/account');
      await page.getByRole('heading', { name: `Welcome, ${account.username}` }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
