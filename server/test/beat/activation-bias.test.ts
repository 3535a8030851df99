import { describe, expect, it } from 'vitest';
import { BeatTracker } from '../../src/core/beat/beat-tracker.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { featureLayout } from '../../src/core/features/layout.js';
import { PulseActivation } from '../support/pulse-activation.js';

const FPS = CONTRACT.audio.sample_rate / CONTRACT.audio.hop;

function beatTimes(bias: number, seconds: number): { times: number[]; bpm: number } {
  const tracker = new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), { activation: new PulseActivation(22, 0.5), activationBias: bias });
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

describe('activation bias', () => {
  it('makes an onset of exactly 0.5 count as evidence of a beat', () => {
    // 22 hops per beat: 127.8 BPM. At bias 0 the filter reads 0.5 as "no idea" and only the quiet hops between
    // the onsets speak (for "no onset here"): it drifts off to a slow reading (64 BPM when written) and beats
    // irregularly. With the default bias it follows the pulse.
    const neutral = beatTimes(0, 10);
    expect(Math.abs(neutral.bpm - (60 * FPS) / 22)).toBeGreaterThan(10);
    const biased = beatTimes(BeatTracker.getDefaults().activationBias, 10);
    expect(Math.abs(biased.bpm - (60 * FPS) / 22)).toBeLessThan(1);
    // The last beats land on the onsets (each onset's hop ends 22 hops apart, less the tracker's 20 ms latency).
    const last = biased.times.slice(-4);
    for (const t of last) {
      const hops = t * FPS;
      const offset = hops - 1 - 22 * Math.round((hops - 1) / 22);
      expect(Math.abs(offset / FPS)).toBeLessThan(0.07);
    }
  });

  it('refuses a bias that is not a number', () => {
    expect(() => new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), { activationBias: Number.NaN })).toThrow(/activationBias NaN is invalid/);
  });
});
