import type { Browser } from 'playwright-core';
import { openPage, type WatchedPage } from '../support/browser.js';

export const TABLET = { hasTouch: true, isMobile: true, viewport: { width: 1280, height: 800 } } as const;
export const TABLET_PORTRAIT = { hasTouch: true, isMobile: true, viewport: { width: 800, height: 1280 } } as const;

/** Opens the surface as a tablet would; with a token it waits until the daemon has made it a controller. */
export async function openSurface(browser: Browser, port: number, token: string | null, options: typeof TABLET | typeof TABLET_PORTRAIT = TABLET): Promise<WatchedPage> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const watched = await openPage(browser, `http://127.0.0.1:${port}/control/${query}`, options);
  if (token !== null) await watched.page.waitForSelector('body[data-role="control"]', { timeout: 10_000 });
  else await watched.page.waitForSelector('.pin-screen:not([hidden])', { timeout: 10_000 });
  return watched;
}

/** Centre of an element in page coordinates, for touchscreen taps that skip Playwright's actionability waits. */
export async function centreOf(page: WatchedPage['page'], selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (box === null) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
