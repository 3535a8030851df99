import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { CONTROL_NAMES, controlToArray, lerpControl, parseControl } from '../../src/core/visual/control-vector.js';

describe('control vector', () => {
  it('has the contract order', () => {
    expect([...CONTROL_NAMES]).toEqual(CONTRACT.control_vector);
  });

  it('round-trips through the contract array and clamps out-of-range values', () => {
    const values = [0.4, 0.3, 1.5, 0, 0.2, 0.4, 0.6, 0.8, 1];
    controlToArray(parseControl(values)).forEach((x, i) => {
      expect(x).toBeCloseTo(values[i] ?? Number.NaN, 15);
    });
    const clamped = parseControl([1.5, -0.2, 9, 2, -1, 0, 0, 0, 0]);
    expect(clamped.sTarget).toBe(1);
    expect(clamped.alpha).toBe(0);
    expect(clamped.omegaScale).toBe(4);
    expect(clamped.bandGates[0]).toBe(1);
    expect(clamped.bandGates[1]).toBe(0);
  });

  it('names a wrong length or a non-finite entry', () => {
    expect(() => parseControl([1, 2, 3])).toThrow(/must have 9 entries \(s_target, alpha, .*band_gate_5\), got 3/);
    expect(() => parseControl([0, 0, Number.NaN, 0, 0, 0, 0, 0, 0])).toThrow(/entry 2 \(omega_scale\) must be a finite number, got NaN/);
  });

  it('blends entry by entry', () => {
    const a = parseControl([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const b = parseControl([1, 1, 4, 1, 1, 1, 1, 1, 1]);
    const mid = controlToArray(lerpControl(a, b, 0.25));
    const expected = [0.25, 0.25, 1, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25];
    mid.forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i] ?? Number.NaN, 12);
    });
  });
});
