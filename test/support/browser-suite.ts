import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { createTestApp, type TestApp } from './test-app';

/**
 * The shop on a real port and one Chromium for a browser spec file, started before its tests
 * and closed after them. Read `suite.t` and `suite.browser` inside the tests.
 */
export function browserSuite(setup?: (t: TestApp) => Promise<void>) {
  const suite = {} as { t: TestApp; browser: Browser };
  beforeAll(async () => {
    suite.t = await createTestApp({ listen: true });
    suite.browser = await launchBrowser();
    await setup?.(suite.t);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
  });
  return suite;
}
