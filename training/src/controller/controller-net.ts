/**
 * The controller: an MLP from [normalised audio input, beat features, structure] to the 9 control values, put
 * in range by its last layer (sigmoid for s_target, alpha and the gates; 4 · sigmoid for omega_scale), so
 * the runtime's clamp never has to act on a well-formed output.
 */
import * as tf from '@tensorflow/tfjs';
import { initParam, param } from '../train/params.js';
import type { Params } from '../train/params.js';

export interface ControllerConfig {
  audioDim: number;
  hidden: number;
  windowFrames: number;
  order: 'none' | 'delta' | 'delta-delta';
  mean: number[];
  invStd: number[];
}

/** Upper end of each control's range (the lower is 0): contract order. */
export const CONTROL_SCALE = [1, 1, 4, 1, 1, 1, 1, 1, 1] as const;

export function createControllerNet(config: ControllerConfig, seed: number): Params {
  const params: Params = new Map();
  initParam(params, 'h1.w', [config.audioDim + 5 + 13, config.hidden], seed);
  initParam(params, 'h1.b', [config.hidden], seed);
  initParam(params, 'h2.w', [config.hidden, config.hidden], seed);
  initParam(params, 'h2.b', [config.hidden], seed);
  initParam(params, 'out.w', [config.hidden, 9], seed);
  initParam(params, 'out.b', [9], seed);
  return params;
}

/** Control vectors [batch, 9], each entry within its range. */
export function controllerForward(params: Params, config: ControllerConfig, audio: tf.Tensor2D, beat: tf.Tensor2D, structure: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const normed = audio.sub(tf.tensor1d(config.mean)).mul(tf.tensor1d(config.invStd));
    const x = tf.concat([normed, beat, structure], 1) as tf.Tensor2D;
    const dense = (h: tf.Tensor2D, name: string): tf.Tensor2D => h.matMul(param(params, `${name}.w`) as tf.Tensor2D).add(param(params, `${name}.b`));
    const h1 = tf.relu(dense(x, 'h1'));
    const h2 = tf.relu(dense(h1, 'h2'));
    return tf.sigmoid(dense(h2, 'out')).mul(tf.tensor1d([...CONTROL_SCALE]));
  });
}
