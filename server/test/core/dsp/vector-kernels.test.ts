import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelBuffer, VectorKernels } from '../../../src/core/dsp/vector-kernels.js';
import { loadVectorKernels } from '../../../src/dsp/wasm-kernels.js';
import { noise } from '../../support/signals.js';

// Lengths that exercise the SIMD body and every scalar tail (n mod 4 = 0..3).
const LENGTHS = [1, 3, 4, 5, 6, 7, 64, 1025, 2049];

describe('vector kernels (WebAssembly SIMD) against float64 references', () => {
  let k: VectorKernels;
  beforeAll(async () => {
    k = await loadVectorKernels();
  });
  const load = (values: Float32Array): KernelBuffer => {
    const b = k.f32(values.length);
    b.f32().set(values);
    return b;
  };
  const close = (actual: number, expected: number, relative = 1e-5): void => {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
  };

  it.each(LENGTHS)('multiply, sums and mean square over %i values', (n) => {
    const a = noise(n, 1, 7);
    const b = noise(n, 1, 8);
    const dst = k.f32(n);
    k.multiply(load(a), load(b), dst);
    dst.f32().forEach((v, i) => { close(v, (a[i] ?? 0) * (b[i] ?? 0)); });
    const abs = a.map(Math.abs);
    close(k.sumRange(load(abs), 0, n), abs.reduce((s, x) => s + x, 0));
    close(k.sumRange(load(abs), 1, n - 1), abs.slice(1, n - 1).reduce((s, x) => s + x, 0));
    close(k.meanSquare(load(a)), a.reduce((s, x) => s + x * x, 0) / n);
  });

  it.each([8, 16, 64, 4096])('packed power and magnitude of a %i-point spectrum', (n) => {
    const packed = noise(n, 2, 9);
    const power = k.f32(n / 2 + 1);
    k.packedPower(load(packed), power, 0.5, 3);
    const p = power.f32();
    close(p[0] ?? NaN, (packed[0] ?? 0) ** 2 * 0.5);
    close(p[n / 2] ?? NaN, (packed[1] ?? 0) ** 2 * 0.5);
    for (let bin = 1; bin < n / 2; bin++) close(p[bin] ?? NaN, ((packed[2 * bin] ?? 0) ** 2 + (packed[2 * bin + 1] ?? 0) ** 2) * 3);
    const magnitude = k.f32(n / 2 + 1);
    k.packedMagnitude(load(packed), magnitude);
    close(magnitude.f32()[3] ?? NaN, Math.hypot(packed[6] ?? 0, packed[7] ?? 0));
    close(magnitude.f32()[0] ?? NaN, Math.abs(packed[0] ?? 0));
  });

  it('finds the first index where a running sum reaches a target, in and across blocks of four', () => {
    const values = load(Float32Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
    expect(k.cumulativeIndex(values, 1)).toBe(0);
    expect(k.cumulativeIndex(values, 4)).toBe(3);
    expect(k.cumulativeIndex(values, 4.5)).toBe(4);
    expect(k.cumulativeIndex(values, 9.5)).toBe(9);
    expect(k.cumulativeIndex(values, 100)).toBe(9);
  });

  it.each(LENGTHS)('rise-and-keep over %i values', (n) => {
    const previous = noise(n, 1, 10).map(Math.abs);
    const current = noise(n, 1, 11).map(Math.abs);
    const prev = load(previous);
    close(k.riseAndKeep(load(current), prev), current.reduce((s, x, i) => s + Math.max(0, x - (previous[i] ?? 0)), 0));
    Array.from(prev.f32()).forEach((v, i) => { close(v, current[i] ?? NaN); });
  });

  it.each(LENGTHS)('power moments over %i values: total, centroid numerator, amplitude rise (kept)', (n) => {
    const previous = noise(n, 1, 12).map(Math.abs);
    const power = noise(n, 1, 13).map(Math.abs);
    const prev = load(previous);
    const out = k.f32(3);
    k.powerMoments(load(power), prev, out);
    const [total, weighted, rise] = Array.from(out.f32());
    close(total ?? NaN, power.reduce((s, x) => s + x, 0));
    close(weighted ?? NaN, power.reduce((s, x, i) => s + i * x, 0), 1e-4);
    close(rise ?? NaN, power.reduce((s, x, i) => s + Math.max(0, Math.sqrt(x) - (previous[i] ?? 0)), 0));
    Array.from(prev.f32()).forEach((v, i) => { close(v, Math.sqrt(power[i] ?? 0)); });
    // The same sums as one kernel each would give, to the bit: sumRange over the whole spectrum.
    expect(total).toBe(k.sumRange(load(power), 0, n));
    expect(() => { k.powerMoments(load(power), k.f32(n + 1), out); }).toThrow(/powerMoments: buffer lengths differ/);
    expect(() => { k.powerMoments(load(power), load(previous), k.f32(2)); }).toThrow(/output holds 2 values; it needs 3/);
  });

  it('counts sign changes including the step into the range, zero counting as positive', () => {
    const values = load(Float32Array.from([-1, 1, -1, 0, 0, -2, -3, 4, 5, -6, 7]));
    expect(k.signChanges(values, 1, 10)).toBe(7);
    expect(k.signChanges(values, 4, 3)).toBe(1);
    expect(() => k.signChanges(values, 0, 3)).toThrow(/outside a buffer of 11/);
  });

  it.each([3, 4, 16, 32, 37])('a causal dilated convolution step with %i outputs, with and without ReLU and residual', (cout) => {
    const cin = 5;
    const kernel = 3;
    const dilation = 2;
    const rows = (kernel - 1) * dilation + 1;
    const ring = noise(rows * cin, 1, 12);
    const weights = noise(kernel * cin * cout, 0.5, 13);
    const bias = noise(cout, 0.5, 14);
    const residual = noise(cout, 1, 15);
    for (const position of [0, 2, rows - 1]) {
      // Tap j reads the row (kernel - 1 - j) * dilation before `position`, wrapping round the ring.
      const reference = Array.from({ length: cout }, (_, o) => {
        let sum = bias[o] ?? 0;
        for (let j = 0; j < kernel; j++) {
          const row = (((position - (kernel - 1 - j) * dilation) % rows) + rows) % rows;
          for (let c = 0; c < cin; c++) sum += (weights[(j * cin + c) * cout + o] ?? 0) * (ring[row * cin + c] ?? 0);
        }
        return sum;
      });
      const out = k.f32(cout);
      const step = { ring: load(ring), rows, position, dilation, kernel, weights: load(weights), bias: load(bias), out };
      k.causalConvStep({ ...step, relu: false });
      out.f32().forEach((v, o) => { close(v, reference[o] ?? NaN); });
      k.causalConvStep({ ...step, relu: true, residual: load(residual) });
      out.f32().forEach((v, o) => { close(v, Math.max(0, reference[o] ?? NaN) + (residual[o] ?? 0)); });
    }
  });

  it('standardises element-wise and refuses a convolution whose shapes do not fit, by name', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5]);
    const out = k.f32(5);
    k.standardize(load(x), load(Float32Array.from([1, 1, 1, 1, 1])), load(Float32Array.from([2, 2, 2, 2, 0.5])), out);
    expect(Array.from(out.f32())).toEqual([0, 2, 4, 6, 2]);
    const step = { ring: k.f32(15), rows: 3, position: 0, dilation: 1, kernel: 3, weights: k.f32(3 * 5 * 4), bias: k.f32(4), relu: true, out: k.f32(4) };
    expect(() => { k.causalConvStep({ ...step, weights: k.f32(10) }); }).toThrow(/causalConvStep weights: buffer lengths differ \(60 and 10\)/);
    expect(() => { k.causalConvStep({ ...step, dilation: 2 }); }).toThrow(/reaches further back than the ring's 3 rows/);
    expect(() => { k.causalConvStep({ ...step, position: 3 }); }).toThrow(/position 3 is outside a ring of 3 rows/);
    expect(() => { k.causalConvStep({ ...step, rows: 4 }); }).toThrow(/does not hold 4 rows/);
  });

  it('names mismatched buffers', () => {
    expect(() => {
      k.multiply(k.f32(4), k.f32(5), k.f32(4));
    }).toThrow(/multiply: buffer lengths differ/);
    expect(() => k.f32(4).sub(2, 3)).toThrow(/sub-buffer \[2, 5\) is outside a buffer of 4/);
  });
});
