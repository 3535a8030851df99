import { describe, expect, it } from 'vitest';
import type { BeatFilterArrays, BeatFilterHop, BeatKernels, ModeMoments } from '../../src/core/beat/beat-kernels.js';
import { instantiateKernels } from '../../src/dsp/kernel-module.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

function f64(k: BeatKernels, values: readonly number[]): ReturnType<BeatKernels['f64']> {
  const array = k.f64(values.length);
  array.view().set(values);
  return array;
}

/**
 * Two rows, periods 2 and 3 (states a0 a1 | b0 b1 b2, heads at 0), onset probabilities per position, cos and sin
 * per position, and `transition` (2 × 2) at the beat boundary.
 */
function tinyFilter(k: BeatKernels, alpha: number[], transition: number[]): BeatFilterArrays {
  return {
    periods: k.i32([2, 3]),
    offsets: k.i32([0, 2, 5]),
    heads: k.i32([0, 0]),
    alpha: f64(k, alpha),
    onset: f64(k, [0.9, 0.1, 0.8, 0.2, 0.3]),
    cosSin: f64(k, [1, 0, -1, 0, 1, 0, -0.5, 0.5, -0.5, -0.5]),
    transition: f64(k, transition),
    bandLo: k.i32([0, 0]),
    bandHi: k.i32([2, 2]),
    priorPerBeat: f64(k, [0.5, 2]),
    guide: f64(k, [3, 0.25]),
    ends: k.f64(2),
    starts: k.f64(2),
    rowMass: k.f64(2),
  };
}

const plain: BeatFilterHop = { locked: -1, usePrior: false, useGuide: false, keep: 1, spread: 0, base0: 0, slope: 1 };

describe('beat kernels', () => {
  it('move every state one position on, send the mass leaving each beat through the transitions, and weigh by onset', () => {
    const filter = tinyFilter(kernels, [1, 2, 3, 4, 5], [0.75, 0.25, 0.5, 0.5]);
    const total = kernels.beatFilterHop(filter, plain);
    // Heads move back one slot: row 0's position 0 is slot 1, row 1's is slot 2. The mass leaving the last
    // positions (a1 = 2, b2 = 5) enters position 0: row 0 gets 2·0.75 + 5·0.5 = 4, row 1 gets 2·0.25 + 5·0.5 = 3.
    // Then position p is weighed by onset[p]: row 0 slots (1, 0) are positions (0, 1); row 1 slots (2, 0, 1) are (0, 1, 2).
    expect(Array.from(filter.heads.view())).toEqual([1, 2]);
    expect(Array.from(filter.alpha.view())).toEqual([1 * 0.1, 4 * 0.9, 3 * 0.2, 4 * 0.3, 3 * 0.8]);
    expect(Array.from(filter.rowMass.view())).toEqual([4 * 0.9 + 1 * 0.1, 3 * 0.8 + 3 * 0.2 + 4 * 0.3]);
    expect(total).toBe(4 * 0.9 + 1 * 0.1 + (3 * 0.8 + 3 * 0.2 + 4 * 0.3));
  });

  it('weigh the boundary by the prior and the guide, keep only a locked row, and spread re-entry', () => {
    const weighted = tinyFilter(kernels, [1, 2, 3, 4, 5], [1, 0, 0, 1]);
    kernels.beatFilterHop(weighted, { ...plain, usePrior: true, useGuide: true });
    // Position 0 of row 0 (slot 1) is 2 · 0.5 · 3, of row 1 (slot 2) is 5 · 2 · 0.25, each times onset 0.9 and 0.8.
    expect(weighted.alpha.view()[1]).toBe(2 * 0.5 * 3 * 0.9);
    expect(weighted.alpha.view()[4]).toBe(5 * 2 * 0.25 * 0.8);
    const locked = tinyFilter(kernels, [1, 2, 3, 4, 5], [1, 0, 0, 1]);
    kernels.beatFilterHop(locked, { ...plain, locked: 1 });
    expect(locked.alpha.view()[1]).toBe(0);
    const spread = tinyFilter(kernels, [1, 2, 3, 4, 5], [1, 0, 0, 1]);
    kernels.beatFilterHop(spread, { ...plain, keep: 0.5, spread: 0.25, base0: 0.1, slope: 0.5 });
    // Slot 0 of row 0 is position 1 (onset 0.1): (0.5 · 1 + 0.25) · (0.1 + 0.1 · 0.5).
    expect(spread.alpha.view()[0]).toBe((0.5 * 1 + 0.25) * (0.1 + 0.1 * 0.5));
  });

  it('take the phase moments of the strongest row and its neighbours only', () => {
    const filter = tinyFilter(kernels, [0, 1, 2, 0, 0], [1, 0, 0, 1]);
    filter.rowMass.view().set([1, 2]);
    const out: ModeMoments = { mass: 0, periodMass: 0, cos: 0, sin: 0 };
    // Periods 2 and 3 are 33 % apart: at 12 % only row 1 (the stronger) counts.
    kernels.modeMoments(filter, 0.12, out);
    expect(out).toEqual({ mass: 2, periodMass: 6, cos: 2 * 1, sin: 0 });
    kernels.modeMoments(filter, 0.5, out);
    expect(out).toEqual({ mass: 3, periodMass: 2 + 6, cos: -1 + 2, sin: 0 });
  });

  it('autocorrelate exactly as the sum in order, for every lag up to the one asked', () => {
    const x = f64(kernels, [1, 2, 3, 4, 5]);
    const acf = f64(kernels, [9, 9, 9, 9, 9, 9]);
    kernels.autocorrelation(x, 5, 3, acf);
    expect(Array.from(acf.view())).toEqual([55 / 5, 40 / 4, 26 / 3, 14 / 2, 9, 9]);
    const n = 281;
    const values = Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.011) - 0.1);
    const long = f64(kernels, values);
    const out = kernels.f64(211);
    kernels.autocorrelation(long, n, 210, out);
    for (let lag = 0; lag <= 210; lag++) {
      let sum = 0;
      for (let j = 0; j < n - lag; j++) sum += (values[j + lag] ?? 0) * (values[j] ?? 0);
      expect(out.view()[lag]).toBe(sum / (n - lag));
    }
  });

  it('name what is wrong with their arguments', async () => {
    const x = kernels.f64(10);
    expect(() => {
      kernels.autocorrelation(x, 10, 10, kernels.f64(11));
    }).toThrow(/lag 10 needs fewer than 10 values/);
    expect(() => {
      kernels.autocorrelation(x, 11, 2, kernels.f64(3));
    }).toThrow(/11 values do not fit an array of 10/);
    const other = await loadBeatKernels();
    expect(() => {
      kernels.autocorrelation(other.f64(10), 10, 2, kernels.f64(3));
    }).toThrow(/autocorrelation input was not allocated by these beat kernels/);
    const filter = tinyFilter(kernels, [1, 2, 3, 4, 5], [1, 0, 0, 1]);
    expect(() => kernels.beatFilterHop({ ...filter, rowMass: kernels.f64(3) }, plain)).toThrow(/rowMass has 3 rows; periods has 2/);
    expect(() => kernels.beatFilterHop({ ...filter, transition: kernels.f64(3) }, plain)).toThrow(/transition has 3 entries; expected 4/);
    expect(() => kernels.beatFilterHop(filter, { ...plain, locked: 2 })).toThrow(/locked row 2 is not a row of 2/);
  });

  it('say which module is missing and how to build it', async () => {
    await expect(instantiateKernels(new URL('file:///nowhere/beat-kernels.wasm'), 'beat kernels')).rejects.toThrow(/beat kernels not found at \/nowhere\/beat-kernels\.wasm .*run `npm run build`/);
  });
});
