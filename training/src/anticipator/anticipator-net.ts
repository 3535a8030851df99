/**
 * The anticipator: an MLP over the normalised audio input (window + long context) and the beat features,
 * giving 8 section logits and 5 hazard logits. The normalisation is part of the model (constants, not trained),
 * so the ONNX file takes the raw inputs the daemon builds.
 */
import * as tf from '@tensorflow/tfjs';
import { initParam, param } from '../train/params.js';
import type { Params } from '../train/params.js';

export interface AnticipatorConfig {
  audioDim: number;
  hidden: number;
  windowFrames: number;
  order: 'none' | 'delta' | 'delta-delta';
  mean: number[];
  invStd: number[];
}

export function createAnticipatorNet(config: AnticipatorConfig, seed: number): Params {
  const params: Params = new Map();
  const inDim = config.audioDim + 5;
  initParam(params, 'h1.w', [inDim, config.hidden], seed);
  initParam(params, 'h1.b', [config.hidden], seed);
  initParam(params, 'h2.w', [config.hidden, config.hidden], seed);
  initParam(params, 'h2.b', [config.hidden], seed);
  initParam(params, 'out.w', [config.hidden, 13], seed);
  initParam(params, 'out.b', [13], seed);
  return params;
}

/** Dropout rates while training (none at inference): 30 training songs are few, and the net memorises them otherwise. */
export const DROPOUT = { input: 0.1, hidden: 0.3 } as const;

/** Logits [batch, 13]: 8 section logits, then 5 hazard logits; `training` applies DROPOUT. */
export function anticipatorForward(params: Params, config: AnticipatorConfig, audio: tf.Tensor2D, beat: tf.Tensor2D, training = false): tf.Tensor2D {
  return tf.tidy(() => {
    const normed = audio.sub(tf.tensor1d(config.mean)).mul(tf.tensor1d(config.invStd));
    const drop = (h: tf.Tensor2D, rate: number): tf.Tensor2D => (training ? (tf.dropout(h, rate) as tf.Tensor2D) : h);
    const x = drop(tf.concat([normed, beat], 1) as tf.Tensor2D, DROPOUT.input);
    const dense = (h: tf.Tensor2D, name: string): tf.Tensor2D => h.matMul(param(params, `${name}.w`) as tf.Tensor2D).add(param(params, `${name}.b`));
    const h1 = drop(tf.relu(dense(x, 'h1')), DROPOUT.hidden);
    const h2 = drop(tf.relu(dense(h1, 'h2')), DROPOUT.hidden);
    return dense(h2, 'out');
  });
}
