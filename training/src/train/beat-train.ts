/**
 * Trains the beat/downbeat activation TCN on a training set (or, for the overfit sanity check, a handful of
 * fixed windows that it must learn by heart). Writes the run folder the exporter reads.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { FeatureCache } from '../features/feature-cache.js';
import { fixedBatches, loadBeatData, normStats, randomBatch, splitTracks } from './beat-data.js';
import type { BeatBatch } from './beat-data.js';
import { countParams } from './params.js';
import type { Params } from './params.js';
import { createTcn, receptiveField, tcnLogits } from './tcn.js';
import type { TcnConfig } from './tcn.js';
import { meanLoss, trainLoop } from './train-loop.js';
import type { TrainHistory } from './train-loop.js';
import { scheduleOf } from './train-schedule.js';
import type { TrainSchedule } from './train-schedule.js';

/** Weighted cross-entropy of soft targets, averaged over hops. */
export function beatLoss(params: Params, config: TcnConfig, b: BeatBatch): tf.Scalar {
  return tf.tidy(() => {
    const logits = tcnLogits(params, config, tf.tensor3d(b.x, [b.batch, b.frames, b.bins]));
    const ce = tf.neg(tf.sum(tf.mul(tf.tensor3d(b.y, [b.batch, b.frames, 3]), tf.logSoftmax(logits, -1)), -1));
    const w = tf.tensor2d(b.w, [b.batch, b.frames]);
    return tf.div(tf.sum(tf.mul(ce, w)), tf.sum(w));
  });
}

export interface BeatTrainOptions extends TrainSchedule {
  manifest: string;
  featureDir: string;
  batch: number;
  frames: number;
  channels: number;
  dilations: number[];
  seed: number;
  runInfo: Record<string, unknown>;
  /** Train on `overfit` fixed windows (validation = the same windows) instead of the whole set. */
  overfit?: number;
}

export interface BeatTrainResult {
  history: TrainHistory;
  config: TcnConfig;
  params: Params;
  /** Loss on the validation batches before the first step. */
  initialLoss: number;
}

export async function trainBeat(o: BeatTrainOptions): Promise<BeatTrainResult> {
  const cache = await FeatureCache.open({ dir: o.featureDir, contract: CONTRACT });
  const tracks = await loadBeatData(o.manifest, cache);
  const { train, val } = splitTracks(tracks, 10);
  const stats = normStats(train);
  const config: TcnConfig = { inputs: tracks[0]?.bins ?? 0, channels: o.channels, kernel: 3, dilations: o.dilations, outputs: 3, ...stats };
  const params = createTcn(config, o.seed);
  o.log.info(`beat activation TCN: ${countParams(params)} weights, receptive field ${receptiveField(config)} hops; ${train.length} training and ${val.length} validation tracks`);
  const rng = createPrng(o.seed);
  const loss = (b: BeatBatch): tf.Scalar => beatLoss(params, config, b);
  let nextBatch = (): BeatBatch => randomBatch(train, rng, o.batch, o.frames);
  let validation = fixedBatches(val, o.batch, o.frames);
  if (o.overfit !== undefined) {
    const fixed = randomBatch(train, rng, o.overfit, o.frames);
    nextBatch = () => fixed;
    validation = [fixed];
  }
  const initialLoss = meanLoss(loss, validation);
  const history = await trainLoop({
    name: o.overfit === undefined ? 'beat_activation' : 'beat_activation-overfit',
    params,
    loss,
    nextBatch,
    validation,
    ...scheduleOf(o),
    checkpointExtra: { config },
    runInfo: { ...o.runInfo, initial_val_loss: initialLoss, weights: countParams(params), receptive_field_hops: receptiveField(config), train_tracks: train.length, val_tracks: val.length },
  });
  return { history, config, params, initialLoss };
}

export const checkpointPath = (runDir: string, which: 'best' | 'last' = 'best'): string => join(runDir, `checkpoint-${which}.json`);
