import { describe, expect, it } from 'vitest';
import type { BeatActivationStage, HopActivation } from '../../src/core/beat/activation.js';
import { LearnedActivation, networkHops } from '../../src/core/beat/learned-activation.js';

/** A stand-in DSP stage that reports how many rows it has seen as its beat, so pass-through is visible. */
class CountingStage implements BeatActivationStage {
  seen = 0;
  resets = 0;
  process(): HopActivation {
    this.seen++;
    return { beat: this.seen / 100, bass: 0.3, chroma: new Float32Array(12).fill(0.5), presence: 0.8 };
  }
  reset(): void {
    this.seen = 0;
    this.resets++;
  }
}

const row = new Float32Array(4);

describe('LearnedActivation', () => {
  it('takes beat (beat + downbeat) and downbeat from the network, presence/bass/chroma from the wrapped stage', () => {
    const inner = new CountingStage();
    const stage = new LearnedActivation(inner);
    stage.supply([
      { beat: 0.6, downbeat: 0.1 },
      { beat: 0.05, downbeat: 0.9 },
    ]);
    const a = stage.process(row);
    expect(a.beat).toBeCloseTo(0.7, 6);
    expect(a.downbeat).toBeCloseTo(0.1, 6);
    expect(a.presence).toBeCloseTo(0.8, 6);
    expect(a.bass).toBeCloseTo(0.3, 6);
    const b = stage.process(row);
    expect(b.beat).toBeCloseTo(0.95, 6);
    expect(b.downbeat).toBeCloseTo(0.9, 6);
    expect(inner.seen).toBe(2);
    expect(stage.stats).toEqual({ learned: 2, fallback: 0 });
  });

  it('falls back to the wrapped stage on a hop with no network output, and reset clears the queue', () => {
    const inner = new CountingStage();
    const stage = new LearnedActivation(inner);
    const a = stage.process(row);
    expect(a.beat).toBeCloseTo(0.01, 6);
    expect(a.downbeat).toBeUndefined();
    stage.supply([{ beat: 0.2, downbeat: 0.2 }]);
    expect(stage.queued).toBe(1);
    stage.reset();
    expect(stage.queued).toBe(0);
    expect(inner.resets).toBe(1);
    expect(stage.stats).toEqual({ learned: 0, fallback: 0 });
  });

  it('keeps the beat likelihood below 1 and refuses values that are not probabilities', () => {
    const stage = new LearnedActivation(new CountingStage());
    stage.supply([{ beat: 0.5, downbeat: 0.5 }]);
    expect(stage.process(row).beat).toBeLessThan(1);
    expect(() => {
      stage.supply([{ beat: 1.5, downbeat: 0 }]);
    }).toThrow(/beat probability 1.5 is invalid; expected a number in \[0, 1\]/);
    expect(() => {
      stage.supply([{ beat: 0.1, downbeat: Number.NaN }]);
    }).toThrow(/downbeat probability NaN is invalid/);
  });

  it('splits a [frames, 3] activation into hops and checks its size', () => {
    const hops = networkHops(Float32Array.from([0.7, 0.2, 0.1, 0.1, 0.8, 0.1]), 2);
    expect(hops[1]?.downbeat).toBeCloseTo(0.8, 6);
    expect(hops[0]?.beat).toBeCloseTo(0.7, 6);
    expect(() => networkHops(new Float32Array(5), 2)).toThrow(/5 values; 2 frames of 3 classes need 6/);
  });
});

describe('LearnedActivation networkWeight', () => {
  it('mixes the network and the wrapped stage, and refuses a weight outside [0, 1]', () => {
    const stage = new LearnedActivation(new CountingStage(), { networkWeight: 0.25 });
    stage.supply([{ beat: 0.8, downbeat: 0 }]);
    // 0.25 * 0.8 + 0.75 * (1 / 100)
    expect(stage.process(row).beat).toBeCloseTo(0.2075, 6);
    expect(() => new LearnedActivation(new CountingStage(), { networkWeight: 1.5 })).toThrow(/networkWeight 1.5 is invalid; expected a number in \[0, 1\]/);
  });
});
