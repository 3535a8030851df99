import { beforeAll, describe, expect, it } from 'vitest';
import { DemoGroove, softLimit } from '../../src/core/synth/demo-groove.js';
import { renderFresh, rmsDb, section } from './helpers.js';

const SR = 48000;
const passes = new Map<number, Float32Array>();

beforeAll(() => {
  for (const seed of [1, 2]) passes.set(seed, renderFresh({ seed }, new DemoGroove({ seed }).lengthSamples));
});

function pass(seed: number): Float32Array {
  const x = passes.get(seed);
  if (x === undefined) throw new Error(`no rendered pass for seed ${seed}`);
  return x;
}

describe('demo groove levels', () => {
  it.each([1, 2])('never peaks above 0.95 and is finite everywhere (seed %i)', (seed) => {
    let peak = 0;
    let limited = 0;
    let nonFinite = 0;
    for (const v of pass(seed)) {
      if (!Number.isFinite(v)) nonFinite++;
      peak = Math.max(peak, Math.abs(v));
      if (Math.abs(v) > 0.8) limited++;
    }
    expect(nonFinite).toBe(0);
    expect(peak).toBeLessThanOrEqual(0.95);
    expect(peak).toBeGreaterThan(0.5);
    // The limiter is a safety net, not the sound: it touches well under 0.1 % of the samples.
    expect(limited / pass(seed).length).toBeLessThan(1e-3);
  });

  it.each([1, 2])('plays the drop at least 3 dB louder than the verse (seed %i)', (seed) => {
    const { sections } = new DemoGroove({ seed }).timeline;
    const db = (name: string): number => {
      const s = section(sections, name);
      return rmsDb(pass(seed), Math.round(s.start * SR), Math.round(s.end * SR));
    };
    expect(db('drop') - db('verse')).toBeGreaterThan(3);
    expect(db('drop') - db('breakdown')).toBeGreaterThan(3);
    expect(db('verse')).toBeGreaterThan(db('intro'));
  });
});

describe('softLimit', () => {
  it('passes quiet samples unchanged', () => {
    for (const v of [0, 0.3, -0.5, 0.8, -0.8]) expect(Math.abs(softLimit(v) - v)).toBeLessThan(1e-15);
  });

  it('is odd, rising above the knee, and never exceeds 0.95 however loud the input', () => {
    let previous = softLimit(0.8);
    for (let v = 0.81; v < 1.5; v += 0.01) {
      const y = softLimit(v);
      expect(y).toBeGreaterThan(previous);
      previous = y;
    }
    for (let v = 0.81; v < 1e9; v *= 1.5) {
      expect(softLimit(v)).toBeLessThanOrEqual(0.95);
      expect(Math.abs(softLimit(-v) + softLimit(v))).toBeLessThan(1e-15);
    }
  });
});
