import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { defaultScene, type Look } from '../core/scene/scene.js';
import { startBenchDaemon } from './bench-daemon.js';
import { launchChromium } from './chromium.js';
import { percentile } from './stats.js';

/**
 * `node server/dist/bench/visualizer-frames.js [SECONDS]`: the built daemon on the demo source and Debian's
 * headless Chromium, at 1280x720 and 1920x1080.
 * 1. Frame time as the page runs (requestAnimationFrame intervals), Julia shader and a trivial baseline shader
 *    (same quad, one palette lookup per pixel).
 * 2. Shader cost of one frozen frame per look: the frame drawn FIXED_FRAMES times, then a readPixels waits for
 *    the GPU; the mean per frame, and its ratio to the baseline's. This does not depend on vsync or on what
 *    the music happens to do, and software WebGL's absolute numbers say little about a GPU, so the ratio is
 *    the number to carry over.
 */
const SECONDS = Number(process.argv[2] ?? 4);
const WARMUP_MS = 1500;
const FIXED_FRAMES = 8;
const LOOKS: Exclude<Look, 'auto'>[] = ['calm', 'bloom', 'dust', 'storm'];
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

interface Case {
  name: string;
  width: number;
  height: number;
  query: string;
}

const CASES: Case[] = [
  { name: 'julia 1280x720', width: 1280, height: 720, query: '' },
  { name: 'baseline 1280x720', width: 1280, height: 720, query: 'shader=baseline' },
  { name: 'julia 1920x1080', width: 1920, height: 1080, query: '' },
  { name: 'baseline 1920x1080', width: 1920, height: 1080, query: 'shader=baseline' },
  { name: 'julia 1920x1080 scale=0.5', width: 1920, height: 1080, query: 'scale=0.5' },
];

/** Frame intervals (ms) of requestAnimationFrame over `seconds`, after a warm-up. */
async function measure(browser: Browser, url: string, c: Case): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: c.width, height: c.height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as { __fractalsync?: unknown }).__fractalsync !== undefined, undefined, { timeout: 20_000 });
  await page.waitForTimeout(WARMUP_MS);
  const intervals = await page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last: number | null = null;
        const end = performance.now() + ms;
        const tick = (now: number): void => {
          if (last !== null) out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    SECONDS * 1000,
  );
  await context.close();
  return intervals;
}

/**
 * Mean GPU time (ms) of one frame per look, drawn FIXED_FRAMES times with the scene frozen, then waited for
 * with a 1-pixel readPixels. The page script is a string: the server's TypeScript has no DOM types.
 */
async function fixedFrameCost(browser: Browser, url: string, size: { width: number; height: number }, looks: readonly string[]): Promise<number[]> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as { __fractalsync?: unknown }).__fractalsync !== undefined, undefined, { timeout: 20_000 });
  await page.waitForTimeout(WARMUP_MS);
  const costs: number[] = [];
  for (const [i, look] of looks.entries()) {
    const live = defaultScene();
    live.all.look = look as Exclude<Look, 'auto'>;
    const frozen = defaultScene();
    frozen.all.look = live.all.look;
    frozen.all.freeze = true;
    const script = `(() => {
      const h = globalThis.__fractalsync;
      const canvas = document.querySelector('canvas');
      const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
      const pixel = new Uint8Array(4);
      const wait = () => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      const t = h.now();
      h.applyScene(${JSON.stringify(live)}, ${String(1e6 + 2 * i)});
      h.renderAt(t);
      h.renderAt(t + 2500);
      h.applyScene(${JSON.stringify(frozen)}, ${String(1e6 + 2 * i + 1)});
      h.renderAt(t + 2500);
      wait();
      const start = performance.now();
      for (let k = 0; k < ${String(FIXED_FRAMES)}; k++) h.renderAt(t + 2500);
      wait();
      return (performance.now() - start) / ${String(FIXED_FRAMES)};
    })()`;
    costs.push(Number(await page.evaluate(script)));
  }
  await context.close();
  return costs;
}

if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error(`SECONDS must be a positive number, got ${process.argv[2] ?? ''}`);
const daemon = await startBenchDaemon();
const browser = await launchChromium();
const results: { name: string; frame_ms_median: number; frame_ms_p95: number; fps: number }[] = [];
const fixed: { size: string; baseline_ms: number; looks: Record<string, { ms: number; ratio: number }> }[] = [];
try {
  for (const size of SIZES) {
    const [baseline] = await fixedFrameCost(browser, `http://127.0.0.1:${daemon.port}/?shader=baseline`, size, ['bloom']);
    const costs = await fixedFrameCost(browser, `http://127.0.0.1:${daemon.port}/`, size, LOOKS);
    const base = baseline ?? Number.NaN;
    fixed.push({
      size: `${size.width}x${size.height}`,
      baseline_ms: Number(base.toFixed(2)),
      looks: Object.fromEntries(LOOKS.map((look, i) => [look, { ms: Number((costs[i] ?? Number.NaN).toFixed(1)), ratio: Number(((costs[i] ?? Number.NaN) / base).toFixed(1)) }])),
    });
  }
  for (const c of CASES) {
    const intervals = await measure(browser, `http://127.0.0.1:${daemon.port}/?${c.query}`, c);
    const median = percentile(intervals, 50);
    results.push({ name: c.name, frame_ms_median: Number(median.toFixed(1)), frame_ms_p95: Number(percentile(intervals, 95).toFixed(1)), fps: Number((1000 / median).toFixed(1)) });
  }
} finally {
  await browser.close();
  daemon.child.kill('SIGTERM');
}
const byName = new Map(results.map((r) => [r.name, r]));
const ratio = (julia: string, baseline: string): number => {
  const j = byName.get(julia)?.frame_ms_median ?? Number.NaN;
  const b = byName.get(baseline)?.frame_ms_median ?? Number.NaN;
  return Number((j / b).toFixed(2));
};
const out = process.stdout;
// Software WebGL takes every core it can get: a busy machine slows it down, so the load is part of the result.
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
out.write(`FractalSync visualizer frame time, headless Chromium (${SECONDS} s per case, median and p95 of rAF intervals; load average ${load})\n`);
for (const r of results) out.write(`  ${r.name.padEnd(28)} ${String(r.frame_ms_median).padStart(7)} ms  p95 ${String(r.frame_ms_p95).padStart(7)} ms  ${String(r.fps).padStart(5)} FPS\n`);
out.write(`  Julia / baseline frame time: ${ratio('julia 1280x720', 'baseline 1280x720')}x at 1280x720, ${ratio('julia 1920x1080', 'baseline 1920x1080')}x at 1920x1080\n`);
out.write(`  Shader cost of one frozen frame (mean of ${FIXED_FRAMES}, GPU-synchronous), and its ratio to the baseline shader:\n`);
for (const f of fixed) {
  const looks = LOOKS.map((look) => `${look} ${String(f.looks[look]?.ms)} ms (${String(f.looks[look]?.ratio)}x)`).join(', ');
  out.write(`  ${f.size.padEnd(10)} baseline ${String(f.baseline_ms)} ms; ${looks}\n`);
}
out.write(`${JSON.stringify({ seconds: SECONDS, load_average: load, results, fixed, ratio_720p: ratio('julia 1280x720', 'baseline 1280x720'), ratio_1080p: ratio('julia 1920x1080', 'baseline 1920x1080') })}\n`);
