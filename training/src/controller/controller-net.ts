/**
 * The controller: the shared MLP (train/mlp.ts) from [audio input, beat features, structure] to the 9 control values, put
 * in range by its last layer (sigmoid for s_target, alpha and the gates; 4 · sigmoid for omega_scale), so
 * the runtime's clamp never has to act on a well-formed output.
 */
import * as tf from '@tensorflow/tfjs';
import { createMlp, mlpForward } from '../train/mlp.js';
import type { MlpConfig } from '../train/mlp.js';
import type { Params } from '../train/params.js';

export type ControllerConfig = MlpConfig;

/** Upper end of each control's range (the lower is 0): contract order. */
export const CONTROL_SCALE = [1, 1, 4, 1, 1, 1, 1, 1, 1] as const;

export function createControllerNet(config: ControllerConfig, seed: number): Params {
  return createMlp(config.audioDim + 5 + 13, config.hidden, 9, seed);
}

/** Control vectors [batch, 9], each entry within its range. */
export function controllerForward(params: Params, config: ControllerConfig, audio: tf.Tensor2D, beat: tf.Tensor2D, structure: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sigmoid(mlpForward(params, config, audio, [beat, structure])).mul(tf.tensor1d([...CONTROL_SCALE])));
}
