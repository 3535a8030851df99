/**
 * The controller's loss, over sequences unrolled through the differentiable orbit (orbit-mirror.ts):
 *  - follow: 1 - Pearson correlation between the audio energy and the edge density of the resulting Julia frames;
 *  - section: soft section probabilities weight the (blurred) inside score: choruses and instrumentals want c
 *    outside M (dust), intros, verses, bridges and outros inside (connected);
 *  - steer: standing still (low omega_scale) while c is on the wrong side costs, because θ only moves forward
 *    and the inside score alone gives no gradient towards the far side of the orbit;
 *  - motion: 1 - correlation between the onset strength and how far c moves in that hop, so that onsets move
 *    the picture within a section; off by default (weight 0.5 lowered every validation score, docs/STRUCTURE.md);
 *  - smooth and jerk: mean squared first and third differences of c, in units of 1e-3 per hop.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../train/params.js';
import { controllerForward } from './controller-net.js';
import type { ControllerConfig } from './controller-net.js';
import { INSIDE_SECTIONS, OUTSIDE_SECTIONS } from './controller-data.js';
import type { SequenceBatch } from './controller-data.js';
import { mirrorStep, stepBeats } from './orbit-mirror.js';
import type { MirrorState } from './orbit-mirror.js';
import { lookup } from './table-lookup.js';
import type { VisualTables } from './visual-tables.js';

export interface ControllerWeights {
  follow: number;
  section: number;
  steer: number;
  motion: number;
  smooth: number;
  jerk: number;
}

export const DEFAULT_CONTROLLER_WEIGHTS: ControllerWeights = { follow: 1, section: 2, steer: 1, motion: 0, smooth: 0.02, jerk: 0.2 };

export interface TableTensors {
  tables: VisualTables;
  edges: tf.Tensor1D;
  insideSoft: tf.Tensor1D;
}

export function tableTensors(tables: VisualTables): TableTensors {
  return { tables, edges: tf.tensor1d(tables.edges), insideSoft: tf.tensor1d(tables.insideSoft) };
}

export interface Rollout {
  /** [steps] of [batch, 2]. */
  c: tf.Tensor2D[];
  control: tf.Tensor2D[];
}

/** Runs the controller and the orbit over a batch of sequences from their initial states; the orbit state feeds the next step's input (as orbitStateFeatures does in the daemon). */
export function rollout(params: Params, config: ControllerConfig, batch: SequenceBatch, dt: number): Rollout {
  const c: tf.Tensor2D[] = [];
  const control: tf.Tensor2D[] = [];
  let state: MirrorState = { s: tf.tensor1d(batch.initial.s), theta: tf.tensor1d(batch.initial.theta) };
  const staticDim = config.audioDim - 3;
  let previousBeats: Float64Array | undefined;
  for (const step of batch.steps) {
    const orbit = tf.stack([tf.cos(state.theta), tf.sin(state.theta), state.s], 1);
    const audio = tf.concat([tf.tensor2d(step.audio, [batch.batch, staticDim]), orbit], 1) as tf.Tensor2D;
    const out = controllerForward(params, config, audio, tf.tensor2d(step.beat, [batch.batch, 5]), tf.tensor2d(step.structure, [batch.batch, 13]));
    const beats = stepBeats(step.beats, previousBeats, dt);
    const next = mirrorStep(out, state, beats, dt);
    state = next.state;
    previousBeats = step.beats;
    c.push(next.c);
    control.push(out);
  }
  return { c, control };
}

function pearson(x: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  const xc = x.sub(x.mean());
  const yc = y.sub(y.mean());
  return xc.mul(yc).mean().div<tf.Scalar>(xc.square().mean().mul(yc.square().mean()).sqrt().add(1e-9));
}

export function controllerLoss(params: Params, config: ControllerConfig, t: TableTensors, batch: SequenceBatch, dt: number, w: ControllerWeights = DEFAULT_CONTROLLER_WEIGHTS): tf.Scalar {
  return tf.tidy(() => {
    const { c, control } = rollout(params, config, batch, dt);
    const cs = tf.stack(c) as tf.Tensor3D; // [steps, batch, 2]
    const flat = cs.reshape<tf.Tensor2D>([-1, 2]);
    const edges = lookup(t.tables, t.edges, flat);
    const inside = lookup(t.tables, t.insideSoft, flat);
    const energy = tf.tensor1d(batch.steps.flatMap((s) => Array.from(s.energy)));
    const follow = tf.scalar(1).sub(pearson(energy, edges));
    const structure = tf.tensor2d(batch.steps.flatMap((s) => Array.from(s.structure)), [batch.steps.length * batch.batch, 13]);
    const pick = (ks: readonly number[]): tf.Tensor1D => tf.addN(ks.map((k) => structure.slice([0, k], [-1, 1]).reshape([-1]))) as tf.Tensor1D;
    const pOut = pick(OUTSIDE_SECTIONS);
    const pIn = pick(INSIDE_SECTIONS);
    const wrong = pOut.mul(inside).add(pIn.mul(tf.scalar(1).sub(inside)));
    const section = wrong.mean();
    const omega = (tf.stack(control) as tf.Tensor3D).slice([0, 0, 2], [-1, -1, 1]).reshape([-1]);
    const steer = wrong.mul(tf.scalar(1).sub(omega.div(4))).mean();
    const d1 = cs.slice([1, 0, 0], [-1, -1, -1]).sub(cs.slice([0, 0, 0], [cs.shape[0] - 1, -1, -1]));
    const d2 = d1.slice([1, 0, 0], [-1, -1, -1]).sub(d1.slice([0, 0, 0], [d1.shape[0] - 1, -1, -1]));
    const d3 = d2.slice([1, 0, 0], [-1, -1, -1]).sub(d2.slice([0, 0, 0], [d2.shape[0] - 1, -1, -1]));
    const onset = tf.tensor1d(batch.steps.slice(1).flatMap((s) => Array.from(s.onset)));
    const motion = tf.scalar(1).sub(pearson(onset, d1.square().sum(2).add(1e-12).sqrt().reshape<tf.Tensor1D>([-1])));
    const smooth = d1.square().sum(2).mean().div(1e-6);
    const jerk = d3.square().sum(2).mean().div(1e-6);
    return follow.mul(w.follow).add(section.mul(w.section)).add(steer.mul(w.steer)).add(motion.mul(w.motion)).add(smooth.mul(w.smooth)).add<tf.Scalar>(jerk.mul(w.jerk));
  });
}
