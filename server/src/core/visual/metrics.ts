import { mandelbrotPoint } from './mandelbrot-table.js';
import type { Complex } from './orbit.js';

/**
 * Share in [0, 1] of the given parameters whose Julia set is connected: a Julia set is connected exactly when its
 * c lies in the Mandelbrot set, so this says how much of an orbit is "calm, connected" rather than "dust".
 */
export function connectedShare(cs: readonly Complex[], maxIter = 500): number {
  if (cs.length === 0) throw new Error('connectedShare needs at least one c, got none');
  return cs.filter((c) => mandelbrotPoint(c, maxIter).inside).length / cs.length;
}
