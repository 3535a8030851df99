/**
 * The anticipator: the shared MLP (train/mlp.ts) over the audio input (window + long context) and the beat
 * features, giving 8 section logits and 5 hazard logits.
 */
import * as tf from '@tensorflow/tfjs';
import { createMlp, mlpForward } from '../train/mlp.js';
import type { MlpConfig } from '../train/mlp.js';
import type { Params } from '../train/params.js';

export type AnticipatorConfig = MlpConfig;

export function createAnticipatorNet(config: AnticipatorConfig, seed: number): Params {
  return createMlp(config.audioDim + 5, config.hidden, 13, seed);
}

/** Dropout rates while training (none at inference): 30 training songs are few, and the net memorises them otherwise. */
export const DROPOUT = { input: 0.1, hidden: 0.3 } as const;

/** Logits [batch, 13]: 8 section logits, then 5 hazard logits; `training` applies DROPOUT. */
export function anticipatorForward(params: Params, config: AnticipatorConfig, audio: tf.Tensor2D, beat: tf.Tensor2D, training = false): tf.Tensor2D {
  const drop = (h: tf.Tensor2D, rate: number): tf.Tensor2D => (training ? (tf.dropout(h, rate) as tf.Tensor2D) : h);
  return tf.tidy(() => mlpForward(params, config, audio, [beat], drop, DROPOUT));
}
