import { browserSuite } from '../support/browser-suite';
import { describeInBrowser, newPage, screenshot } from '../support/browser';
import { browserLogIn, documentIsMarked, markDocument } from '../support/browser-accounts';
import { insertProduct } from '../support/catalog';
import { insertRating } from '../support/profile-ratings';
import { expectGoodPage } from '../support/page-checks';

const TIMEOUT = 180_000;

describeInBrowser('public profiles in Chromium', () => {
  const suite = browserSuite();

  /** Eleven reviews, one a day, the last one's comment on two lines: two pages of them. */
  async function reviewsBy(username: string): Promise<void> {
    for (let i = 0; i < 11; i++) {
      const productId = await insertProduct(suite.t.em(), { name: `Browser Kettle ${i} ${username}` });
      const created = new Date(Date.parse('2026-05-01T09:00:00Z') + i * 86_400_000).toISOString();
      const comment = i === 10 ? 'Boils fast.\n<script>alert(1)</script> is just text here' : '';
      await insertRating(suite.t.em(), { username, productId, rating: (i % 5) + 1, comment, created });
    }
  }

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JS on' : 'JS off';

    it(`makes a profile public with the checkbox and shows it to a visitor (${mode})`, async () => {
      const { page, context, errors } = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      const account = await browserLogIn(page, suite.t.server, suite.t.em());
      await reviewsBy(account.username);

      // Private still: its owner sees the page, with the note.
      await page.goto(`/users/${account.username}`);
      await page.getByRole('heading', { name: account.username, level: 1 }).waitFor();
      await page.getByText('Only you can see this page').waitFor();
      await expectGoodPage(page, `a private profile seen by its owner, ${mode}`);

      await page.goto('/profile');
      const form = page.locator('form[action="/profile"]');
      const box = form.getByLabel('Public profile');
      expect(await box.isChecked()).toBe(false);
      await form.getByText('never your email').waitFor();
      await box.check();
      await form.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Your profile has been saved.').waitFor();
      expect(await page.locator('form[action="/profile"]').getByLabel('Public profile').isChecked()).toBe(true);
      await expectGoodPage(page, `/profile with Public profile ticked, ${mode}`);
      await screenshot(page, `profile-public-${javaScriptEnabled ? 'js' : 'nojs'}`);

      await page.locator('form[action="/profile"]').getByRole('link', { name: `/users/${account.username}` }).click();
      await page.waitForURL(`**/users/${account.username}`);
      await page.getByText('This is your public profile').waitFor();
      expect(await page.getByText('Only you can see this page').count()).toBe(0);

      // A visitor, signed out.
      const visitor = await newPage(suite.browser, suite.t.baseUrl, javaScriptEnabled);
      await visitor.page.goto(`/users/${account.username}`);
      const shown = visitor.page;
      await shown.getByRole('heading', { name: account.username, level: 1 }).waitFor();
      await shown.getByText(/Member since \w+ \d{4}/).waitFor();
      await shown.getByText('Showing 1–10 of 11').waitFor();
      const newest = shown.locator('.profile-review').first();
      await newest.getByText('1 out of 5').waitFor();
      // The comment as typed: its tag is text, its line break kept.
      expect(await newest.locator('.review-comment').innerText()).toBe('Boils fast.\n<script>alert(1)</script> is just text here');
      expect(await shown.content()).not.toContain(account.email);
      await expectGoodPage(shown, `a public profile seen by a visitor, ${mode}`);
      await screenshot(shown, `public-profile-${javaScriptEnabled ? 'js' : 'nojs'}`);

      // The next page: with htmx only the list swaps (and the address follows); without, a page load.
      await markDocument(shown);
      await shown.getByRole('link', { name: 'Next' }).click();
      await shown.getByText('Showing 11–11 of 11').waitFor();
      await shown.waitForURL(`**/users/${account.username}?page=2`);
      expect(await documentIsMarked(shown)).toBe(javaScriptEnabled);
      await expectGoodPage(shown, `page 2 of a public profile's reviews, ${mode}`);
      await shown.locator('.profile-review').getByRole('link', { name: `Browser Kettle 0 ${account.username}` }).click();
      await shown.waitForURL(/\/products\/\d+$/);

      expect(errors).toEqual([]);
      expect(visitor.errors).toEqual([]);
      await visitor.context.close();
      await context.close();
    }, TIMEOUT);
  }
});
