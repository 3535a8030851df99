import { describe, expect, it } from 'vitest';
import { TempoCurve } from '../../src/data/tempo-curve.js';

/** Time at which the numerically integrated phase (midpoint rule, step dt) first reaches each target. */
function numericBeatTimes(curve: TempoCurve, targets: readonly number[], dt: number): number[] {
  const out: number[] = [];
  let t = 0;
  let phase = 0;
  for (const target of targets) {
    for (;;) {
      const step = (curve.bpmAt(t + dt / 2) / 60) * dt;
      if (phase + step >= target) {
        // Within one step the rate is nearly constant: interpolate linearly to the crossing.
        out.push(t + (dt * (target - phase)) / step);
        break;
      }
      phase += step;
      t += dt;
    }
  }
  return out;
}

describe('TempoCurve', () => {
  it('puts beat n of a constant tempo at n * 60 / bpm', () => {
    const curve = TempoCurve.constant(137);
    for (const n of [0, 1, 7, 100, 1000]) expect(Math.abs(curve.timeAtPhase(n) - (n * 60) / 137)).toBeLessThan(1e-9);
    expect(curve.changeTimes()).toHaveLength(0);
  });

  it('matches numeric integration of a 120 -> 128 BPM ramp to 1e-6 s', () => {
    const curve = new TempoCurve([
      { time: 0, bpm: 120 },
      { time: 4, bpm: 120 },
      { time: 34.967, bpm: 128 },
    ]);
    const beats = Array.from({ length: 80 }, (_, n) => n + 1);
    const numeric = numericBeatTimes(curve, beats, 1e-4);
    beats.forEach((n, i) => {
      expect(Math.abs(curve.timeAtPhase(n) - (numeric[i] ?? NaN))).toBeLessThan(1e-6);
    });
    // Before the ramp the beats are 0.5 s apart; after it, 60/128 s apart.
    expect(curve.timeAtPhase(8)).toBeCloseTo(4, 12);
    expect(curve.timeAtPhase(80) - curve.timeAtPhase(79)).toBeCloseTo(60 / 128, 12);
    const changes = curve.changeTimes();
    expect(changes).toHaveLength(2);
    expect(changes[0]).toBeCloseTo(4, 12);
    expect(changes[1]).toBeCloseTo(34.967, 12);
  });

  it('integrates a multi-segment curve (up, then down) and inverts itself', () => {
    const curve = new TempoCurve([
      { time: 1, bpm: 90 },
      { time: 6, bpm: 150 },
      { time: 9, bpm: 100 },
    ]);
    const numeric = numericBeatTimes(curve, [3, 10, 20, 25], 1e-4);
    [3, 10, 20, 25].forEach((n, i) => {
      expect(Math.abs(curve.timeAtPhase(n) - (numeric[i] ?? NaN))).toBeLessThan(1e-6);
    });
    for (const t of [0, 0.5, 1, 3.3, 6, 7.25, 9, 20]) expect(curve.timeAtPhase(curve.phaseAt(t))).toBeCloseTo(t, 9);
    expect(curve.bpmAt(3.5)).toBeCloseTo(120, 9);
    expect(curve.bpmAt(0)).toBe(90);
    expect(curve.bpmAt(50)).toBe(100);
  });

  it('answers negative phases before time 0 at the first tempo', () => {
    const curve = TempoCurve.constant(120);
    expect(curve.timeAtPhase(-2)).toBeCloseTo(-1, 12);
  });

  it('rejects empty, unordered and non-positive tempo points, naming the value', () => {
    expect(() => new TempoCurve([])).toThrow(/no points/);
    expect(() => new TempoCurve([{ time: 0, bpm: -5 }])).toThrow(/bpm -5 is invalid/);
    expect(() => new TempoCurve([{ time: -1, bpm: 100 }])).toThrow(/time -1 is invalid/);
    expect(
      () =>
        new TempoCurve([
          { time: 2, bpm: 100 },
          { time: 2, bpm: 110 },
        ]),
    ).toThrow(/time 2 is not after point 0/);
  });
});
