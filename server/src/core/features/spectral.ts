import type { Hz } from '../units.js';

/** Bin range [lo, hi) of each band between consecutive edges, for a spectrum with bins at k * binHz. */
export function bandBinRanges(binCount: number, binHz: Hz, edgesHz: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let b = 0; b + 1 < edgesHz.length; b++) {
    const lo = Math.min(binCount, Math.ceil((edgesHz[b] ?? 0) / binHz));
    const hi = Math.min(binCount, Math.ceil((edgesHz[b + 1] ?? 0) / binHz));
    ranges.push([lo, Math.max(lo, hi)]);
  }
  return ranges;
}
