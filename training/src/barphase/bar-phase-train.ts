/** Trains the bar-phase model on tracker states over a training set, with the circular loss. */
import * as tf from '@tensorflow/tfjs';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { splitTracks } from '../train/beat-data.js';
import { countParams } from '../train/params.js';
import type { Params } from '../train/params.js';
import { meanLoss, trainLoop } from '../train/train-loop.js';
import type { TrainHistory } from '../train/train-loop.js';
import { scheduleOf } from '../train/train-schedule.js';
import type { TrainSchedule } from '../train/train-schedule.js';
import { barPhaseForward, circularLoss, createBarPhaseNet } from './bar-phase-net.js';
import type { BarPhaseConfig } from './bar-phase-net.js';
import { fixedBarPhaseBatches, loadBarPhaseTracks, randomBarPhaseBatch } from './bar-phase-data.js';
import type { BarPhaseBatch } from './bar-phase-data.js';
import { BAR_FEATURES, FEATURE_DIM } from './tracker-states.js';

export function barPhaseConfig(hidden: number): BarPhaseConfig {
  const col = (name: (typeof BAR_FEATURES)[number]): number => BAR_FEATURES.indexOf(name);
  return {
    windowFrames: CONTRACT.features.window_frames,
    featureDim: FEATURE_DIM,
    hidden,
    columns: { logSpb: col('log_spb'), sinBar: col('sin_bar_phase'), cosBar: col('cos_bar_phase'), beatsPerBarOver8: col('beats_per_bar_over_8') },
  };
}

export function barPhaseLoss(params: Params, config: BarPhaseConfig, b: BarPhaseBatch): tf.Scalar {
  return tf.tidy(() => {
    const features = tf.tensor3d(b.features, [b.batch, b.window, config.featureDim]);
    const predicted = barPhaseForward(params, config, features, tf.tensor2d(b.anticipation, [b.batch, 1]));
    return circularLoss(predicted, tf.tensor2d(b.target, [b.batch, 2]));
  });
}

export interface BarPhaseTrainOptions extends TrainSchedule {
  manifest: string;
  batch: number;
  hidden: number;
  seed: number;
  runInfo: Record<string, unknown>;
}

export async function trainBarPhase(o: BarPhaseTrainOptions): Promise<{ history: TrainHistory; config: BarPhaseConfig; params: Params; initialLoss: number }> {
  const tracks = await loadBarPhaseTracks(o.manifest, [], o.log);
  const { train, val } = splitTracks(tracks, 10);
  const config = barPhaseConfig(o.hidden);
  const params = createBarPhaseNet(config, o.seed);
  o.log.info(`bar-phase model: ${countParams(params)} weights; ${train.length} training and ${val.length} validation tracks`);
  const rng = createPrng(o.seed);
  const loss = (b: BarPhaseBatch): tf.Scalar => barPhaseLoss(params, config, b);
  const validation = fixedBarPhaseBatches(val, 512, config.windowFrames, 7);
  const initialLoss = meanLoss(loss, validation);
  const history = await trainLoop({
    name: 'bar_phase',
    params,
    loss,
    nextBatch: () => randomBarPhaseBatch(train, rng, o.batch, config.windowFrames),
    validation,
    ...scheduleOf(o),
    checkpointExtra: { config },
    runInfo: { ...o.runInfo, initial_val_loss: initialLoss, weights: countParams(params), train_tracks: train.length, val_tracks: val.length },
  });
  return { history, config, params, initialLoss };
}
