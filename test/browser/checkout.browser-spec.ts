import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { browserLogIn } from '../support/browser-accounts';
import { insertProduct } from '../support/catalog';
import { PASSWORD, newAccount } from '../support/accounts';
import { expectGoodPage } from '../support/page-checks';

describeInBrowser('the whole journey in Chromium', () => {
  const suite = browserSuite(async (t) => {
    await insertProduct(t.em(), { name: 'Journey Mug', price: '12.50', stock: 10, age: 2 });
    await insertProduct(t.em(), { name: 'Journey Lamp', price: '40.00', stock: 4, age: 1 });
  });

  async function fillAddress(page: Page, where: { country: string; state: string }): Promise<void> {
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Address', { exact: true }).fill('12 Analytical Row');
    await page.getByLabel('Apartment').fill('Flat 3');
    await page.getByLabel('City').fill('London');
    await page.getByLabel('Country').fill(where.country);
    await page.getByLabel('State').fill(where.state);
    await page.getByLabel('Zip code').fill('W1 1AA');
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`registers, buys two products, sees the confirmation, history and details (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      const account = newAccount('journey');
      await page.goto('/register');
      await page.getByLabel('Username').fill(account.username);
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Register' }).click();
      await page.waitForURL('**/account');

      await page.goto('/shop');
      await page.getByRole('link', { name: 'Journey Mug' }).first().click();
      await page.getByLabel('Quantity').fill('2');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByText('Added 2 × Journey Mug to your cart.').waitFor();
      await page.goto('/shop');
      await page.getByRole('button', { name: 'Add Journey Lamp to cart' }).click();
      await page.getByText('Added 1 × Journey Lamp to your cart.').waitFor();

      await page.goto('/cart');
      await page.getByRole('link', { name: 'Checkout' }).click();
      await page.waitForURL('**/checkout');
      await page.getByText('$65.00').first().waitFor();

      // No State for a Canadian address first: the message beside State, everything kept.
      await page.getByLabel('Payment method').selectOption('Visa');
      await page.getByLabel('Amount paid').fill('50');
      await fillAddress(page, { country: 'Canada', state: '' });
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.locator('#state-error').getByText('Enter your state.').waitFor();
      expect(await page.getByLabel('State').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Country').inputValue()).toBe('Canada');
      await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
      await page.locator('#error-summary').getByRole('link', { name: 'State' }).waitFor();
      await expectGoodPage(page, `/checkout without a State, ${mode}`);

      // A British address has no State, but too little money: the message beside the field,
      // everything else kept.
      await page.getByLabel('Country').fill('United Kingdom');
      // Close the country suggestions before submitting, as leaving the field does: a suggestion
      // list still opening when the next page loads is the suspected cause of one missed
      // autofocus seen under full-suite load (the focus check below).
      await page.getByLabel('Country').press('Escape');
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.getByText('Amount paid $50.00 is less than the total $65.00.').waitFor();
      expect(await page.getByLabel('City').inputValue()).toBe('London');
      expect(await page.getByLabel('State').inputValue()).toBe('');
      // The summary at the top takes focus and leads to the field in error.
      await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
      await page.locator('#error-summary').getByRole('link', { name: 'Amount paid' }).waitFor();
      await expectGoodPage(page, `/checkout refused, ${mode}`);
      await screenshot(page, `checkout-refused-${javaScriptEnabled ? 'js' : 'nojs'}`);

      await page.getByLabel('Amount paid').fill('70');
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.waitForURL(/\/orders\/\d+\/confirmation$/);
      await page.getByRole('heading', { name: /Thank you/ }).waitFor();
      for (const text of ['Journey Mug', '$25.00', 'Journey Lamp', '$40.00', '$65.00', 'Visa', '$70.00', '$5.00']) {
        await page.getByText(text, { exact: false }).first().waitFor();
      }
      await screenshot(page, `confirmation-${javaScriptEnabled ? 'js' : 'nojs'}`);
      await expectGoodPage(page, `a confirmation, ${mode}`);
      const orderUrl = new URL(page.url()).pathname.replace('/confirmation', '');

      await page.goto('/orders');
      await page.getByRole('link', { name: /Order #\d+/ }).first().click();
      await page.waitForURL(`**${orderUrl}`);
      await page.getByText('Ada Lovelace, 12 Analytical Row').waitFor();
      expect(await page.getByText('Thank you').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();

      // Staff see the order among all orders.
      const staff = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await browserLogIn(staff.page, suite.t.server, suite.t.em(), 'shop_owner');
      await staff.page.goto('/admin/orders');
      await staff.page.locator(`a[href="${orderUrl}"]`).waitFor();
      await staff.page.getByRole('cell', { name: account.username }).first().waitFor();
      await staff.context.close();
    });
  }
});
