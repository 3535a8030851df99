import { mandelbrotPoint } from './mandelbrot-table.js';
import type { Complex } from './orbit.js';

/**
 * What a Julia frame for a given c looks like, measured on a small pixel grid: how bright it is (mean smooth
 * escape value, interior counting as 1), how busy (share of neighbouring pixels whose values differ by more than a
 * threshold) and whether the set is connected (c inside the Mandelbrot set). Maths in docs/STRUCTURE.md.
 */

export interface JuliaMetricsOptions {
  /** Pixel grid; 48x27 keeps the 16:9 shape of a projector at a cost of about 1300 orbits. */
  width: number;
  height: number;
  /** Half the height of the view in complex units; the width follows the grid's aspect ratio. The view is centred on 0. */
  halfHeight: number;
  /** Iterations per pixel; the escape value is the smooth iteration count divided by this. */
  maxIter: number;
  /** Two neighbouring pixels make an edge when their escape values differ by more than this. */
  edgeThreshold: number;
  /** Iterations of the Mandelbrot orbit that decide connectedness. */
  connectIter: number;
}

export const JULIA_METRICS_DEFAULTS: JuliaMetricsOptions = { width: 48, height: 27, halfHeight: 1.2, maxIter: 64, edgeThreshold: 0.08, connectIter: 500 };

export interface JuliaMetrics {
  /** Mean escape value in [0, 1]. */
  brightness: number;
  /** Share in [0, 1] of horizontally and vertically neighbouring pixel pairs that form an edge. */
  edgeDensity: number;
  /** The Julia set is connected exactly when c is in the Mandelbrot set. */
  connected: boolean;
}

const BAILOUT = 256;
const LOG_BAILOUT = Math.log(BAILOUT);

/** Escape value of the Julia orbit of z0 in [0, 1]: smooth iteration count / maxIter, 1 where it stays bounded. */
export function juliaEscape(z0: Complex, c: Complex, maxIter: number): number {
  let zr = z0.re;
  let zi = z0.im;
  for (let n = 0; n < maxIter; n++) {
    const nzr = zr * zr - zi * zi + c.re;
    zi = 2 * zr * zi + c.im;
    zr = nzr;
    const r2 = zr * zr + zi * zi;
    if (r2 > BAILOUT * BAILOUT) {
      const smooth = n + 2 - Math.log2(Math.log(Math.sqrt(r2)) / LOG_BAILOUT);
      return Math.min(1, Math.max(0, smooth / maxIter));
    }
  }
  return 1;
}

/** Escape values of every pixel centre, row-major, top row first. */
export function juliaFrame(c: Complex, options: Partial<JuliaMetricsOptions> = {}): Float32Array {
  const o = checkedOptions(c, options);
  const halfWidth = (o.halfHeight * o.width) / o.height;
  const out = new Float32Array(o.width * o.height);
  for (let y = 0; y < o.height; y++) {
    const im = o.halfHeight - ((y + 0.5) * 2 * o.halfHeight) / o.height;
    for (let x = 0; x < o.width; x++) {
      const re = -halfWidth + ((x + 0.5) * 2 * halfWidth) / o.width;
      out[y * o.width + x] = juliaEscape({ re, im }, c, o.maxIter);
    }
  }
  return out;
}

export function juliaMetrics(c: Complex, options: Partial<JuliaMetricsOptions> = {}): JuliaMetrics {
  const o = checkedOptions(c, options);
  const frame = juliaFrame(c, o);
  let sum = 0;
  for (const v of frame) sum += v;
  let edges = 0;
  let pairs = 0;
  const at = (x: number, y: number): number => frame[y * o.width + x] ?? 0;
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      if (x + 1 < o.width) {
        pairs++;
        if (Math.abs(at(x + 1, y) - at(x, y)) > o.edgeThreshold) edges++;
      }
      if (y + 1 < o.height) {
        pairs++;
        if (Math.abs(at(x, y + 1) - at(x, y)) > o.edgeThreshold) edges++;
      }
    }
  }
  return { brightness: sum / frame.length, edgeDensity: pairs > 0 ? edges / pairs : 0, connected: mandelbrotPoint(c, o.connectIter).inside };
}

function checkedOptions(c: Complex, options: Partial<JuliaMetricsOptions>): JuliaMetricsOptions {
  const o = { ...JULIA_METRICS_DEFAULTS, ...options };
  if (!Number.isFinite(c.re) || !Number.isFinite(c.im)) throw new Error(`c = ${c.re} + ${c.im}i is invalid; expected finite numbers`);
  for (const name of ['width', 'height', 'maxIter', 'connectIter'] as const) {
    if (!Number.isInteger(o[name]) || o[name] < 1) throw new Error(`${name} ${o[name]} is invalid; expected a positive integer`);
  }
  if (!(o.halfHeight > 0)) throw new Error(`halfHeight ${o.halfHeight} is invalid; expected > 0`);
  if (!(o.edgeThreshold >= 0 && o.edgeThreshold < 1)) throw new Error(`edgeThreshold ${o.edgeThreshold} is invalid; expected 0 <= threshold < 1`);
  return o;
}
