import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convKernel } from '../../src/export/tcn-onnx.js';
import { causalConv } from '../../src/train/causal-conv.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** y[t, o] = b[o] + sum_j sum_c x[t - (k-1-j) d, c] w[j cin + c, o], zero before the start. */
function naive(x: number[][], w: number[][], b: number[], k: number, d: number): number[][] {
  const cin = x[0]?.length ?? 0;
  return x.map((_, t) =>
    b.map((bo, o) => {
      let s = bo;
      for (let j = 0; j < k; j++) for (let c = 0; c < cin; c++) s += (x[t - (k - 1 - j) * d]?.[c] ?? 0) * (w[j * cin + c]?.[o] ?? 0);
      return s;
    }),
  );
}

describe('causalConv', () => {
  it('matches a direct causal dilated convolution and never looks ahead', () => {
    const frames = 12;
    const x = Array.from({ length: frames }, (_, t) => [Math.sin(t), Math.cos(2 * t)]);
    const w = Array.from({ length: 3 * 2 }, (_, i) => [0.1 * i - 0.2, 0.3 - 0.05 * i, 0.02 * i]);
    const b = [0.1, -0.2, 0.05];
    const y = causalConv(tf.tensor3d([x]), tf.tensor2d(w), tf.tensor1d(b), 3, 4).arraySync()[0] ?? [];
    const want = naive(x, w, b, 3, 4);
    for (let t = 0; t < frames; t++) for (let o = 0; o < 3; o++) expect(Math.abs((y[t]?.[o] ?? NaN) - (want[t]?.[o] ?? NaN))).toBeLessThan(1e-5);
    // Changing the last frame changes only the last output.
    const x2 = x.map((r, t) => (t === frames - 1 ? [5, 5] : r));
    const y2 = causalConv(tf.tensor3d([x2]), tf.tensor2d(w), tf.tensor1d(b), 3, 4).arraySync()[0] ?? [];
    for (let t = 0; t < frames - 1; t++) expect(Math.abs((y2[t]?.[0] ?? NaN) - (y[t]?.[0] ?? NaN))).toBeLessThan(1e-6);
    expect(Math.abs((y2[frames - 1]?.[0] ?? 0) - (y[frames - 1]?.[0] ?? 0))).toBeGreaterThan(1e-3);
  });

  it('trains: the filter gets a gradient through the dilated taps', () => {
    const w = tf.variable(tf.ones([3, 1]));
    const b = tf.variable(tf.zeros([1]));
    const x = tf.tensor3d([[[1], [2], [3], [4], [5], [6]]]);
    const grads = tf.variableGrads(() => tf.sum(causalConv(x, w as tf.Tensor2D, b as tf.Tensor1D, 3, 2)));
    const g = grads.grads[w.name]?.arraySync() as number[][];
    // Tap 0 reads t-4: frames 1 and 2 only (sum 3); tap 1 reads t-2 (1+2+3+4 = 10); tap 2 reads t (21).
    expect(g.map((r) => r[0])).toEqual([3, 10, 21]);
  });

  it('re-orders tfjs [k*cin, cout] weights to ONNX [cout, cin, k]', () => {
    const k = 2;
    const cin = 3;
    const cout = 2;
    const w = Float32Array.from({ length: k * cin * cout }, (_, i) => i);
    const onnx = convKernel(w, k, cin, cout);
    for (let j = 0; j < k; j++) for (let c = 0; c < cin; c++) for (let o = 0; o < cout; o++) expect(onnx[(o * cin + c) * k + j]).toBe(w[(j * cin + c) * cout + o]);
  });
});
