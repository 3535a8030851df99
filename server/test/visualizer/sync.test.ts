import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, openPage, type WatchedPage } from '../support/browser.js';
import { startDaemon, type RunningDaemon } from '../support/daemon.js';
import { waitForLock } from './helpers.js';

const SKEW_MS = 5000;
const LEFT = { display: 'left', latency: 0, skew: 0 };
const RIGHT = { display: 'right', latency: 80, skew: SKEW_MS };
const FRAME_MS = 1000 / 60;

/** Circular difference of two beat phases, in (-0.5, 0.5]. */
const phaseDiff = (a: number, b: number): number => {
  const d = a - b;
  return d - Math.round(d);
};

describe.skipIf(!HAS_CHROMIUM)('two projectors in sync', () => {
  let daemon: RunningDaemon | undefined;
  let browser: Browser | undefined;
  let left: WatchedPage;
  let right: WatchedPage;

  beforeAll(async () => {
    daemon = await startDaemon(['--input', 'demo']);
    browser = await launchBrowser();
    const url = (p: typeof LEFT): string => `http://127.0.0.1:${String(daemon?.port)}/?display=${p.display}&latency=${p.latency}&clock_skew_ms=${p.skew}`;
    const viewport = { viewport: { width: 320, height: 180 } };
    left = await openPage(browser, url(LEFT), viewport);
    right = await openPage(browser, url(RIGHT), viewport);
    await Promise.all([waitForLock(left.page), waitForLock(right.page)]);
    // A loaded machine may need a few more exchanges before one comes back quickly enough to trust.
    for (const p of [left.page, right.page]) {
      await p.waitForFunction(() => (globalThis.__fractalsync?.clockDelay() ?? Infinity) < 4, undefined, { timeout: 15_000, polling: 100 });
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  it('estimates each page clock against the server, skew included', async () => {
    const [l, r] = await Promise.all([left.page, right.page].map((p) => p.evaluate(() => globalThis.__fractalsync?.clockOffset() ?? Number.NaN)));
    const [dl, dr] = await Promise.all([left.page, right.page].map((p) => p.evaluate(() => globalThis.__fractalsync?.clockDelay() ?? Number.NaN)));
    // Each page's epoch clock and the daemon's can differ by some ms even on one machine (each maps its
    // monotonic clock to the epoch once); the two pages share one browser, so they differ by the skew alone.
    expect(Math.abs(l ?? Number.NaN)).toBeLessThan(100);
    // An NTP estimate is within half its round trip of the truth, so the two are within the mean of theirs.
    const bound = ((dl ?? Number.NaN) + (dr ?? Number.NaN)) / 2;
    expect(bound).toBeLessThan(4);
    expect(Math.abs((r ?? Number.NaN) - (l ?? Number.NaN) + SKEW_MS)).toBeLessThanOrEqual(bound + 0.5);
  });

  it('shows the same beat phase at the same wall time, within one frame, after latency compensation', async () => {
    /** The phase a page draws at page time `t`, with the hop of the state it predicts from. */
    const drawn = (page: WatchedPage['page'], t: number) =>
      page.evaluate((time) => {
        const h = globalThis.__fractalsync;
        return { phase: h?.phaseAt(time) ?? Number.NaN, spb: h?.beatAt(time)?.spb ?? Number.NaN, hop: h?.status().lastHop ?? -1 };
      }, t);
    const errorsMs: number[] = [];
    const uncompensatedMs: number[] = [];
    // Samples count only when both pages predict from the same state; on a loaded machine fewer do, so ask until
    // six have (at most 40 tries) rather than a fixed twelve times.
    for (let i = 0; i < 40 && errorsMs.length < 6; i++) {
      // A wall time a little ahead; each page is asked for the frame whose light reaches the wall then:
      // drawn `latency` earlier, on its own (skewed) clock.
      const wall = Date.now() + 100;
      const [l, r, rLate] = await Promise.all([
        drawn(left.page, wall - LEFT.latency + LEFT.skew),
        drawn(right.page, wall - RIGHT.latency + RIGHT.skew),
        // The frame the right page draws at the wall time itself: its light lands 80 ms late.
        drawn(right.page, wall + RIGHT.skew),
      ]);
      // Compare predictions from the same state: a newer state may carry the tracker's own correction,
      // which every display takes within one hop of the others.
      if (l.hop === r.hop && r.hop === rLate.hop) {
        errorsMs.push(Math.abs(phaseDiff(l.phase, r.phase)) * l.spb * 1000);
        uncompensatedMs.push(phaseDiff(rLate.phase, l.phase) * l.spb * 1000);
      }
      await left.page.waitForTimeout(150);
    }
    expect(errorsMs.length).toBeGreaterThanOrEqual(6);
    for (const e of errorsMs) expect(e).toBeLessThan(FRAME_MS);
    // Drawing at the wall time would be one projector lag (80 ms) ahead: the compensation is what aligns them.
    for (const u of uncompensatedMs) expect(Math.abs(u - RIGHT.latency)).toBeLessThan(FRAME_MS);
  });

  it('lists both displays with their latency in /api/status and logs no errors', async () => {
    const status = (await (await fetch(`http://127.0.0.1:${String(daemon?.port)}/api/status`)).json()) as { clients: { display: string | null; latency_ms: number | null }[] };
    const displays = status.clients.map((c) => [c.display, c.latency_ms ?? 0]);
    expect(displays).toContainEqual(['left', 0]);
    expect(displays).toContainEqual(['right', 80]);
    expect([...left.errors, ...right.errors]).toEqual([]);
  });
});
