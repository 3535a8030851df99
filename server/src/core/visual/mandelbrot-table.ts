import type { Complex } from './orbit.js';

/**
 * A smooth "c is inside the Mandelbrot set" score over a grid of c, so a training loss can read it by bilinear
 * interpolation and get a gradient. Inside (no escape within maxIter) scores 1; outside the score is
 * exp(-d / falloff), d being the exterior distance estimate, so it ramps from 1 at the boundary to 0 far away.
 * Maths in docs/STRUCTURE.md ("Visual metrics").
 */

export interface MandelbrotTableOptions {
  /** Grid nodes along re and im (the first and last nodes lie on the range's edges). */
  width: number;
  height: number;
  re: readonly [number, number];
  im: readonly [number, number];
  maxIter: number;
  /** Distance (complex units) over which the outside score falls by a factor e. */
  falloff: number;
}

export interface MandelbrotTable {
  width: number;
  height: number;
  re: readonly [number, number];
  im: readonly [number, number];
  /** Row-major, row j = im node j, column i = re node i; values in [0, 1]. */
  values: Float32Array;
}

export const MANDELBROT_TABLE_DEFAULTS: MandelbrotTableOptions = { width: 128, height: 128, re: [-2, 0.75], im: [-1.5, 1.5], maxIter: 256, falloff: 0.025 };

/** A large bailout radius makes the distance estimate and the smooth iteration count accurate. */
const BAILOUT = 256;
const LOG_BAILOUT = Math.log(BAILOUT);

export interface MandelbrotPoint {
  /** Whether the orbit of 0 stayed bounded for maxIter iterations (c in M, as far as seen). */
  inside: boolean;
  /** Exterior distance estimate 0.5·|z|·ln|z| / |dz/dc| (within a factor 4 of the true distance); 0 inside. */
  distance: number;
  /** Smooth iteration count N + 1 - log2(ln|z_N| / ln R) after N iterations (in (N, N+1]); maxIter inside. */
  smoothIter: number;
}

export function mandelbrotPoint(c: Complex, maxIter: number): MandelbrotPoint {
  assertPositiveInteger('maxIter', maxIter);
  let zr = 0;
  let zi = 0;
  let dr = 0;
  let di = 0;
  for (let n = 0; n < maxIter; n++) {
    // dz/dc of z² + c is 2·z·dz + 1; update it with the old z.
    const ndr = 2 * (zr * dr - zi * di) + 1;
    di = 2 * (zr * di + zi * dr);
    dr = ndr;
    const nzr = zr * zr - zi * zi + c.re;
    zi = 2 * zr * zi + c.im;
    zr = nzr;
    const r2 = zr * zr + zi * zi;
    if (r2 > BAILOUT * BAILOUT) {
      const r = Math.sqrt(r2);
      const lr = Math.log(r);
      return { inside: false, distance: (0.5 * r * lr) / Math.hypot(dr, di), smoothIter: n + 2 - Math.log2(lr / LOG_BAILOUT) };
    }
  }
  return { inside: true, distance: 0, smoothIter: maxIter };
}

/** The smooth inside score of one c (what the table stores at its nodes). */
export function insideScoreExact(c: Complex, maxIter: number, falloff: number): number {
  if (!(falloff > 0)) throw new Error(`falloff ${falloff} is invalid; expected a distance > 0`);
  const p = mandelbrotPoint(c, maxIter);
  return p.inside ? 1 : Math.exp(-p.distance / falloff);
}

export function mandelbrotTable(options: Partial<MandelbrotTableOptions> = {}): MandelbrotTable {
  const o = { ...MANDELBROT_TABLE_DEFAULTS, ...options };
  assertPositiveInteger('width', o.width);
  assertPositiveInteger('height', o.height);
  if (o.width < 2 || o.height < 2) throw new Error(`table size ${o.width}x${o.height} is invalid; expected at least 2x2 nodes`);
  for (const [name, [lo, hi]] of [['re', o.re], ['im', o.im]] as const) {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new Error(`${name} range [${lo}, ${hi}] is invalid; expected finite lo < hi`);
  }
  const values = new Float32Array(o.width * o.height);
  for (let j = 0; j < o.height; j++) {
    const im = o.im[0] + ((o.im[1] - o.im[0]) * j) / (o.height - 1);
    for (let i = 0; i < o.width; i++) {
      const re = o.re[0] + ((o.re[1] - o.re[0]) * i) / (o.width - 1);
      values[j * o.width + i] = insideScoreExact({ re, im }, o.maxIter, o.falloff);
    }
  }
  return { width: o.width, height: o.height, re: [o.re[0], o.re[1]], im: [o.im[0], o.im[1]], values };
}

export interface TableSample {
  score: number;
  /** Partial derivatives of the bilinear surface (per complex unit); 0 along an axis where c is clamped. */
  dRe: number;
  dIm: number;
}

/**
 * Bilinear lookup with its gradient. c outside the table's range is clamped to the edge, where the score is
 * already about 0 for the default range (M lies within re [-2, 0.47], im [-1.13, 1.13]).
 */
export function sampleTable(table: MandelbrotTable, c: Complex): TableSample {
  if (!Number.isFinite(c.re) || !Number.isFinite(c.im)) throw new Error(`c = ${c.re} + ${c.im}i is invalid; expected finite numbers`);
  const sx = (table.width - 1) / (table.re[1] - table.re[0]);
  const sy = (table.height - 1) / (table.im[1] - table.im[0]);
  const x = (c.re - table.re[0]) * sx;
  const y = (c.im - table.im[0]) * sy;
  const cx = Math.min(table.width - 1, Math.max(0, x));
  const cy = Math.min(table.height - 1, Math.max(0, y));
  const i = Math.min(table.width - 2, Math.floor(cx));
  const j = Math.min(table.height - 2, Math.floor(cy));
  const fx = cx - i;
  const fy = cy - j;
  const at = (ii: number, jj: number): number => table.values[jj * table.width + ii] ?? 0;
  const v00 = at(i, j);
  const v10 = at(i + 1, j);
  const v01 = at(i, j + 1);
  const v11 = at(i + 1, j + 1);
  const score = v00 * (1 - fx) * (1 - fy) + v10 * fx * (1 - fy) + v01 * (1 - fx) * fy + v11 * fx * fy;
  const clampedX = x !== cx;
  const clampedY = y !== cy;
  const dRe = clampedX ? 0 : ((v10 - v00) * (1 - fy) + (v11 - v01) * fy) * sx;
  const dIm = clampedY ? 0 : ((v01 - v00) * (1 - fx) + (v11 - v10) * fx) * sy;
  return { score, dRe, dIm };
}

/** The interpolated inside score of c, in [0, 1]. */
export function insideScore(table: MandelbrotTable, c: Complex): number {
  return sampleTable(table, c).score;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} ${value} is invalid; expected a positive integer`);
}
