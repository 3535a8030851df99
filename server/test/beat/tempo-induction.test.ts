import { describe, expect, it } from 'vitest';
import { BeatPeriodFit } from '../../src/core/beat/beat-period-fit.js';
import { TempoInduction } from '../../src/core/beat/tempo-induction.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

const periods = Int32Array.from({ length: 40 }, (_, k) => 13 + k);
const best = (likelihood: Float64Array): number => periods[likelihood.indexOf(Math.max(...likelihood))] ?? NaN;

describe('TempoInduction', () => {
  it('says nothing before 1.5 s, then finds the period of a pulse train', () => {
    const induction = new TempoInduction(kernels, { fps: 46.875, periods });
    let likelihood: Float64Array | undefined;
    for (let hop = 0; hop < 69; hop++) likelihood = induction.process(hop % 23 === 0 ? 1 : 0);
    expect(likelihood).toBeUndefined();
    for (let hop = 69; hop < 400; hop++) likelihood = induction.process(hop % 23 === 0 ? 1 : 0);
    expect(likelihood).toBeDefined();
    expect(best(likelihood ?? new Float64Array())).toBe(23);
  });

  it('prefers the bar-consistent period: accented every fourth pulse, the beat is still the pulse near 120 BPM', () => {
    const induction = new TempoInduction(kernels, { fps: 46.875, periods });
    let likelihood: Float64Array | undefined;
    // Pulses every 23 hops (122 BPM) with every fourth one louder: multiples line up at 23, 46, 69, 92.
    for (let hop = 0; hop < 400; hop++) likelihood = induction.process(hop % 23 === 0 ? (hop % 92 === 0 ? 1 : 0.6) : 0);
    expect(best(likelihood ?? new Float64Array())).toBe(23);
  });

  it('lets the prior settle a pure octave tie towards 120 BPM: pulses every 20 hops read as 141 BPM, not 70', () => {
    const induction = new TempoInduction(kernels, { fps: 46.875, periods });
    let likelihood: Float64Array | undefined;
    for (let hop = 0; hop < 400; hop++) likelihood = induction.process(hop % 20 === 0 ? 1 : 0);
    const l = likelihood ?? new Float64Array();
    // The comb scores both readings alike (every lag lines up); 141 BPM is 0.23 octave from 120, 70 BPM 0.77.
    expect(l[periods.indexOf(20)] ?? 0).toBeGreaterThan(1.2 * (l[periods.indexOf(40)] ?? 0));
  });

  it('refuses a window too short for its comb', () => {
    expect(() => new TempoInduction(kernels, { fps: 46.875, periods, windowHops: 100 })).toThrow(/window of 100 hops is too short for lags up to 208/);
  });
});

describe('BeatPeriodFit', () => {
  it('fits the period of jittered beats and starts again after a gap', () => {
    const fit = new BeatPeriodFit(16);
    expect(fit.period()).toBeUndefined();
    for (let n = 1; n <= 16; n++) fit.add(n, 0.5 * n + (n % 2 === 0 ? 0.008 : -0.008));
    expect(Math.abs((fit.period() ?? 0) - 0.5)).toBeLessThan(0.002);
    fit.add(30, 15);
    expect(fit.period()).toBeUndefined();
  });
});

describe('TempoInduction.bestPeriod', () => {
  it('is undefined before the first analysis and names the winning period after it', () => {
    const induction = new TempoInduction(kernels, { fps: 46.875, periods });
    for (let hop = 0; hop < 69; hop++) induction.process(hop % 23 === 0 ? 1 : 0);
    expect(induction.bestPeriod).toBeUndefined();
    for (let hop = 69; hop < 400; hop++) induction.process(hop % 23 === 0 ? 1 : 0);
    expect(induction.bestPeriod).toBe(23);
    induction.reset();
    expect(induction.bestPeriod).toBeUndefined();
  });
});
