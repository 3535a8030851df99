import { describe, expect, it } from 'vitest';
import type { BeatClockOptions } from '../../src/core/beat/beat-clock.js';
import { BeatTracker } from '../../src/core/beat/beat-tracker.js';
import { TempoInduction } from '../../src/core/beat/tempo-induction.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { featureLayout } from '../../src/core/features/layout.js';
import { PulseActivation } from '../support/pulse-activation.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

const FPS = CONTRACT.audio.sample_rate / CONTRACT.audio.hop;
/** A clear pulse every 31 hops: 90.7 BPM, far from the clock's 120 BPM starting tempo. */
const PERIOD = 31;

function earlyBeats(clock: BeatClockOptions): number[] {
  const tracker = new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), kernels, { activation: new PulseActivation(PERIOD, 0.9), clock });
  const row = new Float32Array(256);
  const times: number[] = [];
  // Up to the hop before tempo induction's first analysis: nothing may lock yet.
  const inductionHops = TempoInduction.getDefaults().minHops;
  for (let hop = 0; hop < inductionHops; hop++) times.push(...tracker.process(row, (hop + 1) / FPS).events.map((e) => e.time));
  return times;
}

describe('before the first lock', () => {
  it("the clock's beats already follow the filter's reading of the music, not the 120 BPM it starts at", () => {
    const beats = earlyBeats({});
    expect(beats.length).toBeGreaterThanOrEqual(2);
    const gaps = beats.slice(1).map((b, i) => b - (beats[i] ?? 0));
    // The last gap before induction answers is the pulse's period within two hops; ticking at 120 BPM it would be 0.5 s.
    expect(Math.abs((gaps.at(-1) ?? 0) - PERIOD / FPS)).toBeLessThan(2 / FPS);
    const ticking = earlyBeats({ followTrust: 1 });
    const tickGaps = ticking.slice(1).map((b, i) => b - (ticking[i] ?? 0));
    // Without following, the loop's bounded pull alone leaves it far from the pulse in that time.
    expect(Math.abs((tickGaps.at(-1) ?? 0) - PERIOD / FPS)).toBeGreaterThan(4 / FPS);
  });
});
