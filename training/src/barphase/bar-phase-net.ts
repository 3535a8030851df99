/**
 * The bar-phase model: the tracker's bar phase extrapolated to t + a (rotated by 2πa / bar length, all from the
 * last frame's features), then turned by a learned correction from an MLP over the whole window and `a`. The
 * correction's last layer starts at zero, so an untrained model is exactly the extrapolation; the output is
 * unit-normalised [sin, cos].
 */
import * as tf from '@tensorflow/tfjs';
import { initParam, param } from '../train/params.js';
import type { Params } from '../train/params.js';

export interface BarPhaseConfig {
  windowFrames: number;
  featureDim: number;
  hidden: number;
  /** Columns of the last frame the extrapolation reads. */
  columns: { logSpb: number; sinBar: number; cosBar: number; beatsPerBarOver8: number };
}

/** `a` enters the MLP scaled by this, so 0-0.5 s spans 0-1. */
export const ANTICIPATION_SCALE = 2;

export function createBarPhaseNet(config: BarPhaseConfig, seed: number): Params {
  const params: Params = new Map();
  const inputs = config.windowFrames * config.featureDim + 1;
  initParam(params, 'h1.w', [inputs, config.hidden], seed);
  initParam(params, 'h1.b', [config.hidden], seed);
  initParam(params, 'h2.w', [config.hidden, config.hidden], seed);
  initParam(params, 'h2.b', [config.hidden], seed);
  initParam(params, 'out.w', [config.hidden, 2], seed).assign(tf.zeros([config.hidden, 2]));
  initParam(params, 'out.b', [2], seed);
  return params;
}

/** features [batch, window, dim], anticipation [batch, 1] -> [batch, 2] unit (sin, cos) of the bar phase at t + a. */
export function barPhaseForward(params: Params, config: BarPhaseConfig, features: tf.Tensor3D, anticipation: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, window, dim] = features.shape;
    const last = tf.reshape<tf.Rank.R2>(tf.slice(features, [0, window - 1, 0], [batch, 1, dim]), [batch, dim]);
    const col = (k: number): tf.Tensor2D => tf.slice(last, [0, k], [batch, 1]);
    const { logSpb, sinBar, cosBar, beatsPerBarOver8 } = config.columns;
    const barSeconds = tf.mul(tf.exp(col(logSpb)), tf.mul(col(beatsPerBarOver8), 8));
    const theta = tf.div(tf.mul(anticipation, 2 * Math.PI), barSeconds);
    const [s, c, st, ct] = [col(sinBar), col(cosBar), tf.sin(theta), tf.cos(theta)];
    const extSin = tf.add(tf.mul(s, ct), tf.mul(c, st));
    const extCos = tf.sub(tf.mul(c, ct), tf.mul(s, st));
    const flat = tf.concat([tf.reshape(features, [batch, window * dim]), tf.mul(anticipation, ANTICIPATION_SCALE)], 1);
    const h1 = tf.relu(tf.add(tf.matMul(flat, param(params, 'h1.w')), param(params, 'h1.b')));
    const h2 = tf.relu(tf.add(tf.matMul(h1, param(params, 'h2.w')), param(params, 'h2.b')));
    const uv = tf.add(tf.matMul(h2, param(params, 'out.w')), param(params, 'out.b'));
    const vc = tf.add(tf.slice(uv, [0, 0], [batch, 1]), 1);
    const vs = tf.slice(uv, [0, 1], [batch, 1]);
    const outSin = tf.add(tf.mul(extSin, vc), tf.mul(extCos, vs));
    const outCos = tf.sub(tf.mul(extCos, vc), tf.mul(extSin, vs));
    const norm = tf.sqrt(tf.add(tf.add(tf.square(outSin), tf.square(outCos)), 1e-12));
    return tf.div<tf.Tensor2D>(tf.concat([outSin, outCos], 1), norm);
  });
}

/** Circular loss: 1 - cos(predicted - true), from unit predictions and unit targets [batch, 2]. */
export function circularLoss(predicted: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sub(1, tf.sum(tf.mul(predicted, target), 1))));
}
