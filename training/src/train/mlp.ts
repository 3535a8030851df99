/**
 * The two-hidden-layer MLP the structure models share (anticipator, controller): raw audio features normalised
 * inside the model (constants, not trained, so the ONNX file takes what the daemon builds), joined with the
 * other inputs, then h1 → h2 → out. Each model adds only its inputs and its output head.
 */
import * as tf from '@tensorflow/tfjs';
import type { DeltaOrder } from '@fractalsync/server/core/hop/deltas';
import { initParam, param } from './params.js';
import type { Params } from './params.js';

export interface MlpConfig {
  audioDim: number;
  hidden: number;
  windowFrames: number;
  order: DeltaOrder;
  mean: number[];
  invStd: number[];
}

/** Weights h1, h2, out in this order (the order fixes each layer's seed, so a checkpoint's weights stay put). */
export function createMlp(inputs: number, hidden: number, outputs: number, seed: number): Params {
  const params: Params = new Map();
  initParam(params, 'h1.w', [inputs, hidden], seed);
  initParam(params, 'h1.b', [hidden], seed);
  initParam(params, 'h2.w', [hidden, hidden], seed);
  initParam(params, 'h2.b', [hidden], seed);
  initParam(params, 'out.w', [hidden, outputs], seed);
  initParam(params, 'out.b', [outputs], seed);
  return params;
}

/**
 * The output layer's pre-activation [batch, outputs] for the normalised audio joined with `others`; `drop`
 * (identity at inference) is applied to the joined input with rate `input` and to each hidden layer with `hidden`.
 */
export function mlpForward(
  params: Params,
  config: MlpConfig,
  audio: tf.Tensor2D,
  others: readonly tf.Tensor2D[],
  drop: (h: tf.Tensor2D, rate: number) => tf.Tensor2D = (h) => h,
  rates: { input: number; hidden: number } = { input: 0, hidden: 0 },
): tf.Tensor2D {
  const normed = audio.sub(tf.tensor1d(config.mean)).mul(tf.tensor1d(config.invStd));
  const x = drop(tf.concat([normed, ...others], 1) as tf.Tensor2D, rates.input);
  const dense = (h: tf.Tensor2D, name: string): tf.Tensor2D => h.matMul(param(params, `${name}.w`) as tf.Tensor2D).add(param(params, `${name}.b`));
  const h1 = drop(tf.relu(dense(x, 'h1')), rates.hidden);
  const h2 = drop(tf.relu(dense(h1, 'h2')), rates.hidden);
  return dense(h2, 'out');
}
