import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { startBenchDaemon } from './bench-daemon.js';
import { launchChromium } from './chromium.js';
import { percentile } from './stats.js';

/**
 * `node server/dist/bench/scene-sync.js [CHANGES]`: how long a change made on one tablet takes to show on another
 * tablet and to reach a projector (issue 6 asks for 100 ms). The built daemon on the demo source with its three
 * models, two control surfaces and one visualizer in Debian's headless Chromium. CHANGES times (default 40), a
 * palette swatch is tapped on surface A; the time from the tap's click to
 * - B: the moment B marks the same swatch as chosen (a MutationObserver on the swatch);
 * - the projector: the moment its page thread gets the scene from the connection worker that holds its WebSocket
 *   (a listener registered before the page's own), and the first animation frame after its settings show the
 *   new palette.
 * Every page runs in one browser on one machine, so their clocks (timeOrigin + now) agree.
 */
const CHANGES = Number(process.argv[2] ?? 40);
const TOKEN = 'bench-sync-0123';
const PAUSE_MS = 250;
const TABLET = { hasTouch: true, isMobile: true, viewport: { width: 1280, height: 800 } } as const;

/** Records, in the projector page, when each scene message arrives and the first frame drawn after it applies. */
const PROJECTOR_PROBE = `(() => {
  const arrivals = [];
  const frames = [];
  const intervals = [];
  window.__sceneSync = { arrivals, frames, intervals };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data?.type === 'scene') arrivals.push({ palette: event.data.scene.all.palette, at: performance.timeOrigin + performance.now() });
      });
    }
  };
  let shown = null;
  let last = null;
  const watch = (now) => {
    if (last !== null) intervals.push(now - last);
    last = now;
    const palette = window.__fractalsync?.status().palette ?? null;
    if (palette !== shown) {
      shown = palette;
      frames.push({ palette, at: performance.timeOrigin + performance.now() });
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})()`;

/** Records, in surface B, when each palette swatch turns on. */
const SURFACE_PROBE = `(() => {
  const applied = [];
  window.__sceneSync = { applied };
  for (const swatch of document.querySelectorAll('[data-palette]')) {
    new MutationObserver(() => {
      if (swatch.classList.contains('on')) applied.push({ palette: swatch.dataset.palette, at: performance.timeOrigin + performance.now() });
    }).observe(swatch, { attributes: true, attributeFilter: ['class'] });
  }
})()`;

/** Records, in surface A, when each swatch is clicked (before the page's own handler runs). */
const SENDER_PROBE = `(() => {
  const sent = [];
  window.__sceneSync = { sent };
  document.addEventListener('click', (event) => {
    const swatch = event.target.closest('[data-palette]');
    if (swatch) sent.push({ palette: swatch.dataset.palette, at: performance.timeOrigin + performance.now() });
  }, { capture: true });
})()`;

interface Stamp {
  palette: string;
  at: number;
}

async function openSurface(browser: Browser, port: number): Promise<Page> {
  const context = await browser.newContext(TABLET);
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${String(port)}/control/?token=${TOKEN}`);
  await page.waitForSelector('body[data-role="control"]', { timeout: 20_000 });
  return page;
}

async function stamps(page: Page, key: string): Promise<Stamp[]> {
  return page.evaluate<Stamp[]>(`window.__sceneSync.${key}`);
}

/** The first stamp at or after `from` for `palette`. */
function firstAfter(list: readonly Stamp[], palette: string, from: number): number | null {
  return list.find((s) => s.palette === palette && s.at >= from)?.at ?? null;
}

if (!Number.isInteger(CHANGES) || CHANGES < 2) throw new Error(`CHANGES must be an integer of at least 2, got ${process.argv[2] ?? ''}`);
const daemon = await startBenchDaemon(['--control-token', TOKEN]);
const browser = await launchChromium();
const toSurface: number[] = [];
const toProjector: number[] = [];
const toFrame: number[] = [];
const frameIntervals: number[] = [];
let missed = 0;
try {
  const a = await openSurface(browser, daemon.port);
  const b = await openSurface(browser, daemon.port);
  const projectorContext = await browser.newContext({ viewport: { width: 640, height: 360 } });
  const projector = await projectorContext.newPage();
  await projector.addInitScript(PROJECTOR_PROBE);
  await projector.goto(`http://127.0.0.1:${String(daemon.port)}/?display=bench`);
  await projector.waitForFunction('window.__fractalsync?.status().connection === "open"', undefined, { timeout: 20_000 });
  await a.evaluate(SENDER_PROBE);
  await b.evaluate(SURFACE_PROBE);
  const palettes = await a.evaluate<string[]>(`[...document.querySelectorAll('[data-palette]')].map((s) => s.dataset.palette)`);
  if (palettes.length < 2) throw new Error(`the surface shows ${String(palettes.length)} palette swatches; the benchmark needs two`);
  for (let i = 0; i < CHANGES; i++) {
    const palette = palettes[(i + 1) % palettes.length] ?? '';
    await a.tap(`[data-palette="${palette}"]`);
    const sentAt = (await stamps(a, 'sent')).at(-1)?.at ?? Number.NaN;
    const deadline = Date.now() + 5000;
    let surfaceAt: number | null = null;
    let arrivedAt: number | null = null;
    let frameAt: number | null = null;
    while ((surfaceAt === null || arrivedAt === null || frameAt === null) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      surfaceAt = firstAfter(await stamps(b, 'applied'), palette, sentAt);
      arrivedAt = firstAfter(await stamps(projector, 'arrivals'), palette, sentAt);
      frameAt = firstAfter(await stamps(projector, 'frames'), palette, sentAt);
    }
    if (surfaceAt === null || arrivedAt === null || frameAt === null) missed++;
    if (surfaceAt !== null) toSurface.push(surfaceAt - sentAt);
    if (arrivedAt !== null) toProjector.push(arrivedAt - sentAt);
    if (frameAt !== null) toFrame.push(frameAt - sentAt);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  frameIntervals.push(...(await projector.evaluate<number[]>('window.__sceneSync.intervals')));
} finally {
  await browser.close();
  daemon.child.kill('SIGTERM');
}

const row = (name: string, xs: readonly number[]): string =>
  `  ${name.padEnd(34)} median ${percentile(xs, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(xs, 95).toFixed(1).padStart(6)} ms  max ${Math.max(...xs).toFixed(1).padStart(6)} ms  (${String(xs.length)})\n`;
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
process.stdout.write(`FractalSync scene sync: ${String(CHANGES)} palette changes tapped on surface A (load average ${load})\n`);
process.stdout.write(row('surface B shows it', toSurface));
process.stdout.write(row('projector receives it', toProjector));
process.stdout.write(row('projector draws its next frame', toFrame));
process.stdout.write(row('projector frame interval', frameIntervals));
if (missed > 0) process.stdout.write(`  ${String(missed)} changes did not arrive everywhere within 5 s\n`);
const summary = (xs: readonly number[]): Record<string, number> => ({ median: Number(percentile(xs, 50).toFixed(1)), p95: Number(percentile(xs, 95).toFixed(1)), max: Number(Math.max(...xs).toFixed(1)) });
process.stdout.write(`${JSON.stringify({ changes: CHANGES, missed, load_average: load, surface: summary(toSurface), projector_receive: summary(toProjector), projector_frame: summary(toFrame), projector_frame_interval: summary(frameIntervals) })}\n`);
