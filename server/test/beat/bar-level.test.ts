import { describe, expect, it } from 'vitest';
import { BarLevel, type LevelChange } from '../../src/core/beat/bar-level.js';
import { BeatTracker } from '../../src/core/beat/beat-tracker.js';
import type { BeatActivationStage, HopActivation } from '../../src/core/beat/activation.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { featureLayout } from '../../src/core/features/layout.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

const FPS = 48000 / 1024;

/** A downbeat probability with a peak (and half that a hop either side) every `bar` hops, first at `first`. */
function downbeats(hop: number, bar: number, first = 0, height = 0.6): number {
  const x = ((hop - first) % bar + bar) % bar;
  const d = Math.min(x, bar - x);
  return d < 0.5 ? height : d < 1.5 ? height / 2 : 0.02;
}

/**
 * The first check (hop count) at which `level` asks to change the level of a beat `period` hops long, and the change;
 * `alternation` as BeatAlternation would report it.
 */
function firstChange(level: BarLevel, period: number, probability: (hop: number) => number, alternation?: number, hops = 30 * FPS): (LevelChange & { hop: number }) | undefined {
  for (let hop = 0; hop < hops; hop++) {
    level.add(probability(hop));
    const change = level.check(period, alternation, true, true);
    if (change !== undefined) return { hop, ...change };
  }
  return undefined;
}

describe('the bar level', () => {
  it('doubles a beat whose bar is 3.5 or 2.5 of it, once the window is long enough and three checks agree', () => {
    // 7/8 at 200 BPM read at 100: a beat of 28 hops, a bar of 98.
    const seven = firstChange(new BarLevel(FPS), 28, (h) => downbeats(h, 98));
    expect(seven?.change).toBe('double');
    expect(seven?.bar).toBe(7);
    // Six seconds of window, then two more checks, 32 hops apart.
    expect(seven?.hop).toBe(Math.ceil(Math.round(6 * FPS) / 32) * 32 + 64 - 1);
    // 5/8 at 180 BPM read at 90: a bar of 2.5 beats.
    expect(firstChange(new BarLevel(FPS), 31, (h) => downbeats(h, 77.5))).toMatchObject({ change: 'double', bar: 5 });
    // Not when the double would be out of range.
    const level = new BarLevel(FPS);
    for (let hop = 0; hop < 30 * FPS; hop++) {
      level.add(downbeats(hop, 98));
      expect(level.check(28, undefined, false, true)).toBeUndefined();
    }
  });

  it('leaves a whole number of beats to the bar alone, pickups half a beat early included', () => {
    expect(firstChange(new BarLevel(FPS), 28, (h) => downbeats(h, 112))).toBeUndefined();
    expect(firstChange(new BarLevel(FPS), 28, (h) => downbeats(h, 84))).toBeUndefined();
    // Bars of four with every second one phrased across the bar line: a weaker peak half a beat before it, so
    // peaks 3.5 beats apart, but the whole bar (4 beats) recurs more strongly.
    const pickups = (h: number): number => Math.max(downbeats(h, 112), downbeats(h, 224, 224 - 14, 0.3));
    expect(firstChange(new BarLevel(FPS), 28, pickups)).toBeUndefined();
    // No downbeats at all: noise-free silence says nothing, and neither does noise (an hour of it, at every period
    // the check is asked about), where ratios of near-zero correlations wander.
    expect(firstChange(new BarLevel(FPS), 28, () => 0.02)).toBeUndefined();
    let seed = 1;
    const noise = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 * 0.1;
    const level = new BarLevel(FPS);
    let doublings = 0;
    for (let hop = 0; hop < 3600 * FPS; hop++) {
      level.add(noise());
      if (level.check(26 + (Math.floor(hop / 16384) % 26), 0.4, true, true) !== undefined) doublings++;
    }
    expect(doublings).toBe(0);
  });

  it('halves a beat whose bar is 8 of it and no fewer when the activation marks every other beat less', () => {
    // A 4/4 hip-hop groove at 80 BPM read at 160: a clock beat of 17.6 hops, downbeats every 8 of them.
    const eight = (h: number): number => downbeats(h, 140.6);
    expect(firstChange(new BarLevel(FPS), 17.6, eight, 0.45)).toMatchObject({ change: 'halve', bar: 4 });
    // The same downbeats with every clock beat marked alike: two-bar phrasing of a song at 160 BPM, left alone.
    expect(firstChange(new BarLevel(FPS), 17.6, eight, 0.8)).toBeUndefined();
    // Downbeats every 4 clock beats, every second one stronger: the bar is 4, whatever the alternation.
    const phrased = (h: number): number => Math.max(downbeats(h, 70.3, 0, 0.4), downbeats(h, 140.6));
    expect(firstChange(new BarLevel(FPS), 17.6, phrased, 0.45)).toBeUndefined();
    // 5/4 at 58 BPM read at 116: a bar of 10 clock beats.
    expect(firstChange(new BarLevel(FPS), 24.2, (h) => downbeats(h, 242), 0.45)).toMatchObject({ change: 'halve', bar: 5 });
  });

  it('finds where the bar starts from the folded downbeats', () => {
    const level = new BarLevel(FPS);
    const hops = 600;
    for (let hop = 0; hop < hops; hop++) level.add(downbeats(hop, 98, 40));
    // Downbeats at 40, 138, ..., 530: the latest is 69 hops before the newest hop (599).
    expect(level.sinceDownbeat(98)).toBe(69);
  });

  it('names a bad setting', () => {
    expect(() => new BarLevel(FPS, { threshold: 0 })).toThrow(/threshold 0 is invalid/);
    expect(() => new BarLevel(FPS, { minCorrelation: Number.NaN })).toThrow(/minCorrelation NaN is invalid/);
    expect(() => new BarLevel(FPS, { maxAlternation: -1 })).toThrow(/maxAlternation -1 is invalid/);
    expect(() => new BarLevel(FPS, { window: 4, minWindow: 6 })).toThrow(/minWindow 6 is longer than window 4/);
  });
});

/**
 * An activation stage standing in for the network on a 7/8 at 196 BPM: beat likelihood on every eighth (0.8, and a
 * hop either side 0.4), strongest on the bar's first (the tempo prior and induction take the first reading at half
 * tempo, 98 BPM), downbeat probability on the bar's first eighth only.
 */
function sevenEight(): BeatActivationStage {
  let hop = 0;
  const eighth = (60 / 196) * FPS;
  return {
    process(): HopActivation {
      const inEighth = hop % eighth;
      const near = Math.min(inEighth, eighth - inEighth);
      const bar = hop % (7 * eighth);
      const atBar = Math.min(bar, 7 * eighth - bar) < 0.5;
      const accent = Math.floor(bar / eighth) % 2 === 0 ? 1 : 0.55;
      hop++;
      return {
        beat: (near < 0.5 ? 0.8 : near < 1.5 ? 0.4 : 0.05) * (near < 1.5 ? accent : 1),
        downbeat: atBar ? 0.7 : 0.02,
        bass: 0,
        chroma: new Float32Array(12),
        presence: 1,
        beatLevel: true,
      };
    },
    reset: () => {
      hop = 0;
    },
  };
}

function bpmAfter(seconds: number, options: ConstructorParameters<typeof BeatTracker>[3]): number {
  const tracker = new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), kernels, { activation: sevenEight(), ...options });
  const row = new Float32Array(1);
  let bpm = 0;
  for (let hop = 1; hop <= seconds * FPS; hop++) bpm = tracker.process(row, hop / FPS).state.bpm;
  return bpm;
}

describe('the tracker with the bar level', () => {
  it('counts a fast 7/8 in eighths once the downbeats show 3.5 slow beats to the bar, and holds that level', () => {
    // Without it the clock stays at half tempo (the synthetic eighths read at 100-102 BPM).
    const slow = bpmAfter(30, { barLevel: false });
    expect(slow).toBeGreaterThan(95);
    expect(slow).toBeLessThan(105);
    // With it the beat is doubled within 15 s (six seconds of window, three checks) and stays doubled.
    for (const seconds of [15, 30]) {
      expect(bpmAfter(seconds, {})).toBeGreaterThan(190);
      expect(bpmAfter(seconds, {})).toBeLessThan(205);
    }
  });
});

describe('the bar level and the VJ', () => {
  it('never overrules a level set by hand: ÷2 after the doubling stands, and so does a locked tempo', () => {
    const tracker = new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), kernels, { activation: sevenEight() });
    const row = new Float32Array(1);
    let bpm = 0;
    for (let hop = 1; hop <= 40 * FPS; hop++) {
      if (hop === Math.round(20 * FPS)) tracker.command({ type: 'half' });
      bpm = tracker.process(row, hop / FPS).state.bpm;
      if (hop === Math.round(19 * FPS)) expect(bpm).toBeGreaterThan(190);
    }
    expect(bpm).toBeLessThan(105);

    const locked = new BeatTracker(CONTRACT, featureLayout(CONTRACT, 80), kernels, { activation: sevenEight() });
    for (let hop = 1; hop <= 30 * FPS; hop++) {
      if (hop === Math.round(5 * FPS)) locked.command({ type: 'lock', on: true });
      bpm = locked.process(row, hop / FPS).state.bpm;
    }
    expect(bpm).toBeLessThan(105);
  });
});
