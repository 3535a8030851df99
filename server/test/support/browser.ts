import type { Browser, BrowserContextOptions, BrowserContext, Page } from 'playwright-core';

export { CHROMIUM, HAS_CHROMIUM, launchChromium as launchBrowser } from '../../src/bench/chromium.js';

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors seen so far, in order. */
  errors: string[];
}

/** Opens a page in its own context and records every console error and page error, so tests can demand none. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    errors.push(`page: ${error.message}`);
  });
  await page.goto(url);
  return { page, context, errors };
}
