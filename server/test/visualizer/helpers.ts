import type { Page } from 'playwright-core';
import { saveScreenshot } from '../support/screenshots.js';
import { decodePng, type Rgba } from './png.js';

/** Small enough that software WebGL draws a frame in a few tens of ms on two cores. */
export const VIEWPORT = { width: 640, height: 360 };

/**
 * The part of the page's `window.__fractalsync` (visualizer/src/debug-hook.ts) the tests use. Declared here
 * because the server tests compile without the DOM library the visualizer's own types need.
 */
export interface DebugHook {
  now(): number;
  phaseAt(localMs: number): number | null;
  beatAt(localMs: number): { spb: number; beats: number; phase: number } | null;
  clockOffset(): number | null;
  clockDelay(): number | null;
  fps(): number;
  uniforms(): Record<string, number | number[]>;
  status(): {
    connection: string;
    connections: number;
    statesReceived: number;
    lastHop: number | null;
    frames: number;
    display: string | null;
    latencyMs: number;
    look: string;
    palette: string;
    conf: number;
    contextLost: boolean;
    contextEvents: { lost: number; restored: number };
    problems: string[];
  };
  renderAt(localMs: number): { pulse: number; phase: number | null; look: string };
  resume(): void;
  applyScene(scene: unknown, rev: number): void;
}

declare global {
  var __fractalsync: DebugHook | undefined;
}

/** Waits until the page's visualizer is running, connected, has a clock offset and a confident beat. */
export async function waitForLock(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const h = globalThis.__fractalsync;
      const s = h?.status();
      return s !== undefined && s.connection === 'open' && s.conf > 0.5 && h?.clockOffset() != null;
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
}

export interface PixelStats {
  meanLuma: number;
  stdLuma: number;
  /** Distinct colours after quantising to 5 bits per channel. */
  colours: number;
  /** Share of pixels whose luma differs from the right-hand neighbour by more than 0.08. */
  edges: number;
  /** Share of pixels with luma under 0.03. */
  black: number;
  /** Share of pixels with luma over 0.9. */
  white: number;
}

export function pixelStats(png: Buffer): PixelStats {
  const { width, height, data }: Rgba = decodePng(png);
  const n = width * height;
  const luma = new Float32Array(n);
  const colours = new Set<number>();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = data[i * 4] ?? 0;
    const g = data[i * 4 + 1] ?? 0;
    const b = data[i * 4 + 2] ?? 0;
    const y = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    luma[i] = y;
    sum += y;
    colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
  }
  const mean = sum / n;
  let variance = 0;
  let edges = 0;
  let black = 0;
  let white = 0;
  for (let i = 0; i < n; i++) {
    const y = luma[i] ?? 0;
    variance += (y - mean) ** 2;
    if (i % width < width - 1 && Math.abs(y - (luma[i + 1] ?? 0)) > 0.08) edges++;
    if (y < 0.03) black++;
    if (y > 0.9) white++;
  }
  return { meanLuma: mean, stdLuma: Math.sqrt(variance / n), colours: colours.size, edges: edges / n, black: black / n, white: white / n };
}

/** Mean absolute difference of two same-size screenshots, over the colour channels, in [0, 1]. */
export function meanAbsDiff(a: Buffer, b: Buffer): number {
  const x = decodePng(a);
  const y = decodePng(b);
  if (x.width !== y.width || x.height !== y.height) throw new Error(`screenshots differ in size: ${x.width}x${x.height} and ${y.width}x${y.height}`);
  let total = 0;
  for (let i = 0; i < x.data.length; i++) if (i % 4 !== 3) total += Math.abs((x.data[i] ?? 0) - (y.data[i] ?? 0));
  return total / ((x.data.length * 3) / 4) / 255;
}

/**
 * Finds the first client time from `from` whose beat phase is in [lo, hi) and draws it in the same task (so no
 * newer state can move the beat in between); the animation loop pauses. Returns the time and what was drawn.
 */
export async function renderAtPhase(page: Page, from: number, lo: number, hi: number): Promise<{ t: number; pulse: number; phase: number | null; look: string }> {
  const drawn = await page.evaluate(
    ([start, low, high]) => {
      const h = globalThis.__fractalsync;
      for (let ms = 0; h !== undefined && ms < 5000; ms += 2) {
        const phase = h.phaseAt(start + ms);
        if (phase != null && phase >= low && phase < high) return { t: start + ms, ...h.renderAt(start + ms) };
      }
      return null;
    },
    [from, lo, hi] as const,
  );
  if (drawn === null) throw new Error(`no beat phase in [${lo}, ${hi}) within 5 s of ${from}`);
  return drawn;
}

export function saveVisual(name: string, png: Buffer): void {
  saveScreenshot('visuals', name, png);
}
