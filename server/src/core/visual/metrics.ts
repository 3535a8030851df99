import type { Complex } from './orbit.js';

/**
 * Visual metrics of a Julia parameter, cheap enough for training's evaluation loops. A Julia set is connected
 * exactly when its c lies in the Mandelbrot set, so whether c escapes says "calm, connected" or "dust".
 */

/** Iterations until z → z² + c from 0 leaves radius 2, or null if it stays within `maxIter` (c is in the set, as far as seen). */
export function mandelbrotEscape(c: Complex, maxIter = 500): number | null {
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new Error(`maxIter must be a positive integer, got ${String(maxIter)}`);
  let re = 0;
  let im = 0;
  for (let i = 0; i < maxIter; i++) {
    const next = re * re - im * im + c.re;
    im = 2 * re * im + c.im;
    re = next;
    if (re * re + im * im > 4) return i + 1;
  }
  return null;
}

/** Share in [0, 1] of the given parameters whose Julia set is connected. */
export function connectedShare(cs: readonly Complex[], maxIter = 500): number {
  if (cs.length === 0) throw new Error('connectedShare needs at least one c, got none');
  return cs.filter((c) => mandelbrotEscape(c, maxIter) === null).length / cs.length;
}
