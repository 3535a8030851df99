import { createSocket, type Socket } from 'node:dgram';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { controlHeaders, startDaemon, type RunningDaemon } from '../support/daemon.js';
import { saveScreenshot } from '../support/screenshots.js';
import { openSurface, sleep, TABLET, TABLET_PORTRAIT } from './helpers.js';

const MIN_TARGET_PX = 48;

/** What a tablet user would trip over: page scrolling, controls cut off or too small to hit with a finger. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((minTarget) => {
    const problems: string[] = [];
    const { scrollWidth, scrollHeight } = document.documentElement;
    if (scrollWidth > window.innerWidth || scrollHeight > window.innerHeight) problems.push(`the page scrolls: ${String(scrollWidth)}x${String(scrollHeight)} in ${String(window.innerWidth)}x${String(window.innerHeight)}`);
    for (const node of Array.from(document.querySelectorAll<HTMLElement>('main button, main input[type="range"], header button'))) {
      const box = node.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const name = node.id || node.dataset.key || node.dataset.field || node.textContent || node.className;
      if (box.width < minTarget || box.height < minTarget) problems.push(`${name} is ${String(Math.round(box.width))}x${String(Math.round(box.height))} px`);
    }
    for (const selector of ['#tap', '#downbeat', '#nudge-earlier', '#nudge-later', '#lock', '#double', '#half', '[data-meter="7"]', '[data-look="storm"]', '[data-palette="mono"]', '[data-field="speed"]', '[data-toggle="freeze"]', '#preset-save', '.health']) {
      const node = document.querySelector(selector);
      const box = node?.getBoundingClientRect();
      if (box === undefined || box.bottom > window.innerHeight || box.right > window.innerWidth || box.top < 0 || box.left < 0) problems.push(`${selector} is not fully on screen`);
    }
    // The controls must all be in reach without scrolling a panel (the preset list and health may scroll).
    for (const selector of ['.timing', '.visual']) {
      const panel = document.querySelector(selector);
      if (panel !== null && panel.scrollHeight > panel.clientHeight + 1) problems.push(`${selector} needs scrolling: ${String(panel.scrollHeight)} px of content in ${String(panel.clientHeight)}`);
    }
    return problems;
  }, MIN_TARGET_PX);
}

describe.skipIf(!HAS_CHROMIUM)('control surface layout on a 10-inch tablet', () => {
  let daemon: RunningDaemon;
  let browser: Browser;
  let receiver: Socket;
  let projector: WebSocket;

  beforeAll(async () => {
    receiver = createSocket('udp4');
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const oscPort = receiver.address().port;
    [daemon, browser] = await Promise.all([startDaemon(['--input', 'demo', '--osc', `127.0.0.1:${String(oscPort)}:resolume`]), launchBrowser()]);
    // A projector on stage, so the surface has a display to show and to target.
    projector = new WebSocket(`ws://127.0.0.1:${String(daemon.port)}/ws`);
    await new Promise((resolve) => projector.once('open', resolve));
    projector.send(JSON.stringify({ type: 'subscribe', display: 'stage left', latency_ms: 40, rate: 1 }));
    const post = (path: string, body: unknown): Promise<Response> => fetch(`http://127.0.0.1:${String(daemon.port)}/api${path}`, { method: 'POST', headers: controlHeaders(daemon.token), body: JSON.stringify(body) });
    await post('/scene', { type: 'scene', set: { look: 'bloom', palette: 'neon', intensity: 0.9 } });
    await post('/presets', { name: 'Intro, calm' });
    await post('/presets', { name: 'Drop: storm + strobe' });
    await post('/scene', { type: 'scene', display: 'stage left', set: { palette: 'ocean', latency_ms: 40 } });
  });
  afterAll(async () => {
    projector.close();
    receiver.close();
    await browser.close();
    await daemon.stop();
  });

  for (const [name, options] of [['landscape', TABLET], ['portrait', TABLET_PORTRAIT]] as const) {
    it(`fits ${String(options.viewport.width)}x${String(options.viewport.height)} (${name}) without scrolling, every control big enough`, async () => {
      const { page, context, errors } = await openSurface(browser, daemon.port, daemon.token, options);
      try {
        await page.waitForSelector('[data-target="stage left"]');
        // With a display chosen the panel has the most controls (its lag and offset too): the worst case.
        await page.tap('[data-target="stage left"]');
        await sleep(1500);
        expect(await layoutProblems(page)).toEqual([]);
        // The shipped models all run, and the health panel says so.
        await page.waitForFunction(() => document.querySelector('[data-health="models"] .value')?.textContent.includes('beat on') === true, undefined, { timeout: 5000 });
        expect(await page.textContent('[data-health="models"] .value')).toBe('beat on, sections on, control on');
        if (name === 'landscape') await page.tap('[data-target=""]');
        saveScreenshot('control-surface', `${name}.png`, await page.screenshot());
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
