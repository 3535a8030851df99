import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, openPage, type WatchedPage } from '../support/browser.js';
import { startDaemon, type RunningDaemon } from '../support/daemon.js';
import { waitForLock } from './helpers.js';

/** While the daemon is down the browser reports each refused reconnect; nothing else may appear. */
const REFUSED = /^console: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws' failed: .*ERR_CONNECTION_REFUSED/;

describe.skipIf(!HAS_CHROMIUM)('a projector through a daemon restart', () => {
  let daemon: RunningDaemon | undefined;
  let browser: Browser | undefined;
  let watched: WatchedPage;

  const status = () => watched.page.evaluate(() => globalThis.__fractalsync?.status());
  const beatsNow = () => watched.page.evaluate(() => {
    const h = globalThis.__fractalsync;
    return h?.beatAt(h.now())?.beats ?? Number.NaN;
  });

  beforeAll(async () => {
    daemon = await startDaemon(['--input', 'demo']);
    browser = await launchBrowser();
    watched = await openPage(browser, `http://127.0.0.1:${daemon.port}/?display=booth`, { viewport: { width: 320, height: 180 } });
    await waitForLock(watched.page);
  }, 45_000);

  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  it('keeps rendering on the held tempo while the daemon is gone, then reconnects and resumes', async () => {
    const port = daemon?.port ?? 0;
    const before = await status();
    await daemon?.stop();
    await expect.poll(async () => (await status())?.connection, { timeout: 5000 }).toBe('closed');

    // Disconnected: frames keep coming and the beat keeps moving at the held tempo.
    const frames = (await status())?.frames ?? 0;
    const spb = await watched.page.evaluate(() => {
      const h = globalThis.__fractalsync;
      return h?.beatAt(h.now())?.spb ?? Number.NaN;
    });
    const b0 = await beatsNow();
    const t0 = Date.now();
    await watched.page.waitForTimeout(1500);
    const b1 = await beatsNow();
    const elapsed = (Date.now() - t0) / 1000;
    expect((await status())?.frames).toBeGreaterThan(frames + 5);
    expect(b1 - b0).toBeCloseTo(elapsed / spb, 0);

    // Another daemon on the same port (startDaemon passes --port 0 first; the later flag wins).
    daemon = await startDaemon(['--input', 'demo', '--port', String(port)]);
    expect(daemon.port).toBe(port);
    await expect.poll(async () => (await status())?.connections, { timeout: 15_000 }).toBe((before?.connections ?? 0) + 1);
    const received = (await status())?.statesReceived ?? 0;
    await expect.poll(async () => (await status())?.statesReceived ?? 0, { timeout: 5000 }).toBeGreaterThan(received + 20);
    const after = await status();
    expect(after?.connection).toBe('open');
    await expect
      .poll(async () => {
        const s = (await (await fetch(`http://127.0.0.1:${port}/api/status`)).json()) as { clients: { display: string | null }[] };
        return s.clients.map((c) => c.display);
      }, { timeout: 5000 })
      .toContain('booth');
    expect(watched.errors.filter((e) => !REFUSED.test(e))).toEqual([]);
  }, 50_000);
});
