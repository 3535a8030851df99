/**
 * The anticipator's loss: section cross-entropy, plus the mean per-horizon binary cross-entropy of the hazards,
 * plus a smoothness term, the mean squared change of the predicted probabilities from the previous slow step
 * (against flicker of the section and of boundary alarms), plus a little L2 on the weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../train/params.js';
import { anticipatorForward } from './anticipator-net.js';
import type { AnticipatorConfig } from './anticipator-net.js';
import type { ExampleSet } from './anticipator-data.js';

export interface AnticipatorBatch {
  audio: tf.Tensor2D;
  audioPrev: tf.Tensor2D;
  beat: tf.Tensor2D;
  beatPrev: tf.Tensor2D;
  /** One-hot sections [batch, 8]. */
  section: tf.Tensor2D;
  hazard: tf.Tensor2D;
  /** Training batches use dropout; validation batches do not. */
  train: boolean;
}

export interface LossWeights {
  /** Smoothness weight on the section probabilities (against a flickering section). */
  smooth: number;
  /**
   * Smoothness weight on the hazards. A hazard must rise within the bar before a boundary, so smoothing it as
   * hard as the section holds it flat.
   */
  smoothHazard: number;
  l2: number;
}

export const DEFAULT_WEIGHTS: LossWeights = { smooth: 4, smoothHazard: 0.1, l2: 1e-5 };

export function makeBatch(set: ExampleSet, indices: readonly number[], train: boolean): AnticipatorBatch {
  const d = set.audioDim;
  const n = indices.length;
  const pick = (src: Float32Array, w: number): Float32Array => {
    const out = new Float32Array(n * w);
    indices.forEach((i, k) => {
      out.set(src.subarray(i * w, (i + 1) * w), k * w);
    });
    return out;
  };
  return {
    audio: tf.tensor2d(pick(set.audio, d), [n, d]),
    audioPrev: tf.tensor2d(pick(set.audioPrev, d), [n, d]),
    beat: tf.tensor2d(pick(set.beat, 5), [n, 5]),
    beatPrev: tf.tensor2d(pick(set.beatPrev, 5), [n, 5]),
    section: tf.tidy(() => tf.oneHot(tf.tensor1d(indices.map((i) => set.section[i] ?? 0), 'int32'), 8).toFloat() as tf.Tensor2D),
    hazard: tf.tensor2d(pick(set.hazard, 5), [n, 5]),
    train,
  };
}

export function disposeBatch(b: AnticipatorBatch): void {
  tf.dispose([b.audio, b.audioPrev, b.beat, b.beatPrev, b.section, b.hazard]);
}

export function anticipatorLoss(params: Params, config: AnticipatorConfig, b: AnticipatorBatch, w: LossWeights = DEFAULT_WEIGHTS): tf.Scalar {
  return tf.tidy(() => {
    const now = anticipatorForward(params, config, b.audio, b.beat, b.train);
    const prev = anticipatorForward(params, config, b.audioPrev, b.beatPrev, b.train);
    const sectionLogits = now.slice([0, 0], [-1, 8]);
    const hazardLogits = now.slice([0, 8], [-1, 5]);
    const ce = tf.losses.softmaxCrossEntropy(b.section, sectionLogits);
    const bce = tf.losses.sigmoidCrossEntropy(b.hazard, hazardLogits);
    const change = (probs: (x: tf.Tensor2D) => tf.Tensor2D): tf.Scalar => probs(now).sub(probs(prev)).square().sum(1).mean();
    const sectionChange = change((x) => tf.softmax(x.slice([0, 0], [-1, 8])));
    const hazardChange = change((x) => tf.sigmoid(x.slice([0, 8], [-1, 5])));
    const smooth = sectionChange.mul(w.smooth).add(hazardChange.mul(w.smoothHazard));
    let l2: tf.Scalar = tf.scalar(0);
    for (const [name, p] of params) if (name.endsWith('.w')) l2 = l2.add(p.square().sum());
    return ce.add(bce).add(smooth).add<tf.Scalar>(l2.mul(w.l2));
  });
}
