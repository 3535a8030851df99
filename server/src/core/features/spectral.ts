import type { Hz } from '../units.js';

/**
 * Small pure functions of a one-sided power spectrum `power` (bins 0..N/2, bin k at k * binHz),
 * normalised so that its sum is the signal's mean square.
 */

/** Power-weighted mean frequency; 0 for a silent spectrum. */
export function spectralCentroid(power: Float32Array, binHz: Hz): Hz {
  let total = 0;
  let weighted = 0;
  for (let k = 0; k < power.length; k++) {
    const p = power[k] ?? 0;
    total += p;
    weighted += p * k;
  }
  return total > 0 ? (weighted / total) * binHz : 0;
}

/** Frequency below which `fraction` of the power lies; 0 for a silent spectrum. */
export function spectralRolloff(power: Float32Array, binHz: Hz, fraction: number): Hz {
  let total = 0;
  for (const p of power) total += p;
  if (total <= 0) return 0;
  const target = total * fraction;
  let cumulative = 0;
  for (let k = 0; k < power.length; k++) {
    cumulative += power[k] ?? 0;
    if (cumulative >= target) return k * binHz;
  }
  return (power.length - 1) * binHz;
}

/** Maps each bin to its band index (or -1 outside all bands), for `bandEnergies`. */
export function bandOfBins(binCount: number, binHz: Hz, edgesHz: readonly number[]): Int8Array {
  const bandOf = new Int8Array(binCount).fill(-1);
  for (let k = 0; k < binCount; k++) {
    const f = k * binHz;
    for (let b = 0; b + 1 < edgesHz.length; b++) {
      if (f >= (edgesHz[b] ?? 0) && f < (edgesHz[b + 1] ?? 0)) {
        bandOf[k] = b;
        break;
      }
    }
  }
  return bandOf;
}

/** Sums power into bands: a sine of amplitude A inside a band gives that band A²/2. */
export function bandEnergies(power: Float32Array, bandOf: Int8Array, out: Float32Array): void {
  out.fill(0);
  for (let k = 0; k < power.length; k++) {
    const b = bandOf[k] ?? -1;
    if (b >= 0) out[b] = (out[b] ?? 0) + (power[k] ?? 0);
  }
}

/**
 * Half-wave rectified increase of `current` over `previous`, summed: the spectral flux between two
 * consecutive frames. Callers pass amplitude (not power) so the measure grows linearly with level.
 */
export function positiveDifferenceSum(current: Float32Array, previous: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < current.length; k++) {
    const d = (current[k] ?? 0) - (previous[k] ?? 0);
    if (d > 0) sum += d;
  }
  return sum;
}
