import { describe, expect, it } from 'vitest';
import type { BeatActivationStage, HopActivation } from '../../src/core/beat/activation.js';
import { BeatFilter } from '../../src/core/beat/beat-filter.js';
import { LearnedActivation } from '../../src/core/beat/learned-activation.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

const FPS = 48000 / 1024;

/**
 * A pulse every 14 hops (201 BPM) shaped as the network's peaks are (0.8 on the beat, half that a hop either
 * side), with faint onsets (0.3) half-way between beats.
 */
function fastPulse(hop: number): number {
  const p = hop % 14;
  const fromBeat = Math.min(p, 14 - p);
  const fromHalf = Math.abs(p - 7);
  const beat = fromBeat === 0 ? 0.8 : fromBeat === 1 ? 0.4 : 0.08;
  const half = fromHalf === 0 ? 0.3 : fromHalf === 1 ? 0.15 : 0.08;
  return Math.max(beat, half);
}

function period(beatLevel: boolean): number {
  const filter = new BeatFilter(kernels, { fps: FPS });
  let belief = filter.process(fastPulse(0), beatLevel);
  for (let hop = 1; hop < 900; hop++) belief = filter.process(fastPulse(hop), beatLevel);
  return belief.period;
}

describe('an activation that marks beats at one metrical level', () => {
  it('is read without the per-beat pull towards 120 BPM: a fast pulse stays fast', () => {
    // Read as onsets (the DSP flux marks every onset, so the level is the prior's to settle), the pulse is taken at
    // half tempo, where the prior sits closer and each beat boundary costs less.
    expect(period(false)).toBeCloseTo(28, 0);
    // Read as beats (the network marks the annotated level), its own level stands.
    expect(period(true)).toBeCloseTo(14, 0);
  });

  it('is what the learned activation reports whenever the network answered with a share in the blend', () => {
    const dsp: BeatActivationStage = {
      process: (): HopActivation => ({ beat: 0.2, bass: 0, chroma: new Float32Array(12), presence: 1 }),
      reset: () => undefined,
    };
    const learned = new LearnedActivation(dsp, { networkWeight: 0.5 });
    learned.supply([{ beat: 0.6, downbeat: 0.1 }]);
    expect(learned.process(new Float32Array(1)).beatLevel).toBe(true);
    // A hop the network did not answer is the DSP stage's own, onsets and all.
    expect(learned.process(new Float32Array(1)).beatLevel).toBeUndefined();
    // With no network share in the blend the beat likelihood is the DSP one.
    const dspOnly = new LearnedActivation(dsp, { networkWeight: 0 });
    dspOnly.supply([{ beat: 0.6, downbeat: 0.1 }]);
    expect(dspOnly.process(new Float32Array(1)).beatLevel).toBe(false);
  });
});
