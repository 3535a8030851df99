import { describe, expect, it } from 'vitest';
import { BeatTracker } from '../../src/core/beat/beat-tracker.js';
import { shiftLogOdds } from '../../src/core/beat/log-odds.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { featureLayout } from '../../src/core/features/layout.js';
import { PulseActivation } from '../support/pulse-activation.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

const FPS = CONTRACT.audio.sample_rate / CONTRACT.audio.hop;

function beatTimes(bias: number, seconds: number): { times: number[]; bpm: number } {
  const tracker = new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), kernels, { activation: new PulseActivation(22, 0.5), activationBias: bias });
  const row = new Float32Array(256);
  const times: number[] = [];
  let bpm = 0;
  for (let hop = 0; hop < Math.round(seconds * FPS); hop++) {
    const out = tracker.process(row, (hop + 1) / FPS);
    times.push(...out.events.map((e) => e.time));
    bpm = out.state.bpm;
  }
  return { times, bpm };
}

describe('activation bias and the filter\'s neutral point', () => {
  it('adds the bias to the log-odds, keeping the order of values, and leaves the activation alone at 0', () => {
    const bias = 0.3;
    expect(shiftLogOdds(0.5, bias)).toBeCloseTo(1 / (1 + Math.exp(-bias)), 12);
    expect(shiftLogOdds(0.3, 0)).toBe(0.3);
    const values = [0, 0.03, 0.2, 0.5, 0.8, 1].map((p) => shiftLogOdds(p, bias));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] ?? 1);
    expect(values[0]).toBeGreaterThan(0);
    expect(values.at(-1)).toBeLessThan(1);
  });

  it('with the defaults (λ = 3, no bias), a pulse of 0.5 onsets is evidence: it is followed and its last beats land on the onsets', () => {
    const biased = beatTimes(BeatTracker.getDefaults().activationBias, 10);
    expect(Math.abs(biased.bpm - (60 * FPS) / 22)).toBeLessThan(1);
    // Each onset's hop ends 22 hops apart, less the tracker's 20 ms latency.
    const last = biased.times.slice(-4);
    for (const t of last) {
      const hops = t * FPS;
      const offset = hops - 1 - 22 * Math.round((hops - 1) / 22);
      expect(Math.abs(offset / FPS)).toBeLessThan(0.07);
    }
  });

  it('refuses a bias that is not a number', () => {
    expect(() => new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), kernels, { activationBias: Number.NaN })).toThrow(/activationBias NaN is invalid/);
  });
});
