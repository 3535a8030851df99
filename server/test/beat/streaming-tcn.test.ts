import { beforeAll, describe, expect, it } from 'vitest';
import { checkTcnWeights, TcnNetwork, tcnReceptiveField, type TcnWeights } from '../../src/core/beat/streaming-tcn.js';
import type { VectorKernels } from '../../src/core/dsp/vector-kernels.js';
import { loadVectorKernels } from '../../src/dsp/wasm-kernels.js';
import { noise } from '../support/signals.js';

/** A small TCN: 6 inputs, 8 channels, residual blocks at dilations 1, 2, 4, 3 classes. */
function smallTcn(seed: number): TcnWeights {
  const inputs = 6;
  const channels = 8;
  const layer = (cin: number, dilation: number, residual: boolean, s: number): TcnWeights['layers'][number] => ({
    kernel: 3,
    dilation,
    cin,
    cout: channels,
    weights: noise(3 * cin * channels, 0.4, s),
    bias: noise(channels, 0.1, s + 1),
    residual,
  });
  return {
    mean: noise(inputs, 1, seed),
    scale: noise(inputs, 0.5, seed + 1).map((v) => 1 + Math.abs(v)),
    layers: [layer(inputs, 1, false, seed + 2), layer(channels, 1, true, seed + 4), layer(channels, 2, true, seed + 6), layer(channels, 4, true, seed + 8)],
    out: { weights: noise(channels * 3, 0.5, seed + 10), bias: noise(3, 0.1, seed + 11), classes: 3 },
  };
}

/** The network over a whole sequence at once, in float64, each convolution zero-padded on the left (as the ONNX export). */
function wholeSequence(w: TcnWeights, x: Float32Array, frames: number): Float64Array {
  const inputs = w.mean.length;
  let h: Float64Array[] = Array.from({ length: frames }, (_, t) => Float64Array.from({ length: inputs }, (_, c) => ((x[t * inputs + c] ?? 0) - (w.mean[c] ?? 0)) * (w.scale[c] ?? 0)));
  for (const layer of w.layers) {
    h = h.map((_, t) =>
      Float64Array.from({ length: layer.cout }, (_, o) => {
        let sum = layer.bias[o] ?? 0;
        for (let j = 0; j < layer.kernel; j++) {
          const source = h[t - (layer.kernel - 1 - j) * layer.dilation];
          if (source === undefined) continue;
          for (let c = 0; c < layer.cin; c++) sum += (layer.weights[(j * layer.cin + c) * layer.cout + o] ?? 0) * (source[c] ?? 0);
        }
        return Math.max(0, sum) + (layer.residual ? (h[t]?.[o] ?? 0) : 0);
      }),
    );
  }
  const out = new Float64Array(frames * 3);
  h.forEach((row, t) => {
    const logits = [0, 1, 2].map((k) => row.reduce((s, v, c) => s + v * (w.out.weights[c * 3 + k] ?? 0), w.out.bias[k] ?? 0));
    const max = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - max));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, k) => (out[t * 3 + k] = v / sum));
  });
  return out;
}

describe('StreamingTcn: the beat network one hop at a time', () => {
  let kernels: VectorKernels;
  beforeAll(async () => {
    kernels = await loadVectorKernels();
  });

  it('gives, frame by frame, what the network gives over the whole sequence, and again after a reset', () => {
    const w = smallTcn(21);
    expect(tcnReceptiveField(w)).toBe(1 + 2 * (1 + 1 + 2 + 4));
    const frames = 60;
    const x = noise(frames * 6, 2, 33);
    const expected = wholeSequence(w, x, frames);
    const stream = new TcnNetwork(w, kernels).open();
    for (let pass = 0; pass < 2; pass++) {
      let worst = 0;
      for (let t = 0; t < frames; t++) {
        const p = stream.step(x.subarray(t * 6, t * 6 + 6));
        for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs((p[k] ?? NaN) - (expected[t * 3 + k] ?? NaN)));
      }
      expect(worst).toBeLessThan(1e-5);
      expect(stream.frames).toBe(frames);
      stream.reset();
    }
  });

  it('keeps separate streams of one network apart', () => {
    const network = new TcnNetwork(smallTcn(5), kernels);
    const a = network.open();
    const b = network.open();
    const x = noise(30 * 6, 2, 8);
    const alone = network.open();
    const solo = Array.from({ length: 30 }, (_, t) => Array.from(alone.step(x.subarray(t * 6, t * 6 + 6))));
    for (let t = 0; t < 30; t++) {
      b.step(noise(6, 3, 100 + t));
      expect(Array.from(a.step(x.subarray(t * 6, t * 6 + 6)))).toEqual(solo[t]);
    }
  });

  it('refuses weights that do not chain or hold a non-finite value, naming the layer', () => {
    const w = smallTcn(3);
    expect(() => { checkTcnWeights({ ...w, layers: [w.layers[1] as TcnWeights['layers'][number]] }); }).toThrow(/TCN layer 0 takes 8 channels; the layer before gives 6/);
    const short = { ...w, layers: w.layers.map((l, i) => (i === 2 ? { ...l, weights: l.weights.subarray(1) } : l)) };
    expect(() => { checkTcnWeights(short); }).toThrow(/TCN layer 2 has 191 weights; kernel 3 x 8 x 8 needs 192/);
    const nan = { ...w, out: { ...w.out, bias: Float32Array.from([0, NaN, 0]) } };
    expect(() => { checkTcnWeights(nan); }).toThrow(/not a finite number/);
    expect(() => { checkTcnWeights({ ...w, out: { ...w.out, classes: 4 } }); }).toThrow(/output layer has 24 weights and 3 biases; 8 channels to 4 classes/);
    const stream = new TcnNetwork(w, kernels).open();
    expect(() => stream.step(new Float32Array(5))).toThrow(/TCN step takes 6 inputs, got 5/);
  });
});
