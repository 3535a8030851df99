/**
 * The beat/downbeat activation network: a causal temporal convolutional network at the hop rate. Per-bin input
 * standardisation, a causal conv from the 80 spectrum bins, residual dilated causal convs (receptive field
 * 1 + 2(k-1)·Σd hops), and a per-hop dense layer to beat/downbeat/none logits. No look-ahead anywhere.
 */
import * as tf from '@tensorflow/tfjs';
import { causalConv } from './causal-conv.js';
import { initParam, param } from './params.js';
import type { Params } from './params.js';

export interface TcnConfig {
  inputs: number;
  channels: number;
  kernel: number;
  dilations: number[];
  outputs: number;
  /** Per-input mean and standard deviation of the training data, applied before the first layer. */
  mean: number[];
  std: number[];
}

export function receptiveField(config: TcnConfig): number {
  return 1 + (config.kernel - 1) * (1 + config.dilations.reduce((a, b) => a + b, 0));
}

export function createTcn(config: TcnConfig, seed: number): Params {
  if (config.mean.length !== config.inputs || config.std.length !== config.inputs) {
    throw new Error(`TCN normalisation has ${config.mean.length} means and ${config.std.length} deviations; expected ${config.inputs} each`);
  }
  const params: Params = new Map();
  const { inputs, channels, kernel, outputs } = config;
  initParam(params, 'in.w', [kernel * inputs, channels], seed);
  initParam(params, 'in.b', [channels], seed);
  config.dilations.forEach((_, i) => {
    initParam(params, `block${i}.w`, [kernel * channels, channels], seed);
    initParam(params, `block${i}.b`, [channels], seed);
  });
  initParam(params, 'out.w', [channels, outputs], seed);
  initParam(params, 'out.b', [outputs], seed);
  return params;
}

/** x: [batch, frames, inputs] -> logits [batch, frames, outputs]. */
export function tcnLogits(params: Params, config: TcnConfig, x: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const normed = tf.div<tf.Tensor3D>(tf.sub(x, tf.tensor1d(config.mean)), tf.tensor1d(config.std));
    let h = tf.relu(causalConv(normed, param(params, 'in.w') as tf.Tensor2D, param(params, 'in.b') as tf.Tensor1D, config.kernel, 1));
    config.dilations.forEach((d, i) => {
      const y = tf.relu(causalConv(h, param(params, `block${i}.w`) as tf.Tensor2D, param(params, `block${i}.b`) as tf.Tensor1D, config.kernel, d));
      h = tf.add(h, y);
    });
    const [batch, frames, channels] = h.shape;
    const logits = tf.add(tf.matMul(tf.reshape(h, [batch * frames, channels]), param(params, 'out.w')), param(params, 'out.b'));
    return tf.reshape(logits, [batch, frames, config.outputs]);
  });
}

/** Class probabilities, as the shipped model outputs them. */
export function tcnProbabilities(params: Params, config: TcnConfig, x: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => tf.softmax(tcnLogits(params, config, x), -1));
}
