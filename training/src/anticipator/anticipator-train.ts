/**
 * Trains the anticipator on the training split of a structure set. Validation is a set of whole training songs
 * (every VAL_EVERY-th), never the held-out split, which only the evaluation reads.
 */
import { join } from 'node:path';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import type { DeltaOrder } from '@fractalsync/server/core/hop/deltas';
import { countParams } from '../train/params.js';
import { trainLoop } from '../train/train-loop.js';
import type { TrainHistory } from '../train/train-loop.js';
import { scheduleOf } from '../train/train-schedule.js';
import type { TrainSchedule } from '../train/train-schedule.js';
import { audioDim, audioNormalisation, buildExamples } from './anticipator-data.js';
import { anticipatorLoss, disposeBatch, makeBatch, type LossWeights } from './anticipator-loss.js';
import type { AnticipatorBatch } from './anticipator-loss.js';
import { createAnticipatorNet } from './anticipator-net.js';
import type { AnticipatorConfig } from './anticipator-net.js';
import { loadSongs } from './feature-store.js';

export const VAL_EVERY = 6;

/** What the anticipator and the controller, both trained on a structure set's songs, are given alike. */
export interface SongTrainOptions extends TrainSchedule {
  manifest: string;
  cacheDir: string;
  batchSize: number;
  windowFrames: number;
  order: DeltaOrder;
  hidden: number;
  seed: number;
  trainingCommand: string;
  /** Called after each training batch is drawn (the training API counts progress with it). */
  onBatch?: () => void;
}

export interface AnticipatorTrainOptions extends SongTrainOptions {
  /** Loss weights (DEFAULT_WEIGHTS when absent). */
  weights?: LossWeights;
}

/** Every VAL_EVERY-th training song validates; the rest train. */
export function splitValidation<T>(songs: readonly T[]): { train: T[]; val: T[] } {
  return { train: songs.filter((_, i) => i % VAL_EVERY !== VAL_EVERY - 1), val: songs.filter((_, i) => i % VAL_EVERY === VAL_EVERY - 1) };
}

export interface AnticipatorTrainResult {
  history: TrainHistory;
  config: AnticipatorConfig;
  checkpoint: string;
  trainSongs: number;
  valSongs: number;
}

export async function trainAnticipator(o: AnticipatorTrainOptions): Promise<AnticipatorTrainResult> {
  const songs = await loadSongs(o.manifest, 'train', o.cacheDir, o.log);
  const { train, val } = splitValidation(songs);
  if (train.length === 0 || val.length === 0) throw new Error(`${o.manifest}: ${songs.length} training songs; at least ${VAL_EVERY} are needed (one in ${VAL_EVERY} validates)`);
  const inputs = { windowFrames: o.windowFrames, order: o.order };
  const trainSet = buildExamples(train, inputs);
  const valSet = buildExamples(val, inputs);
  const norm = audioNormalisation(trainSet);
  const config: AnticipatorConfig = { audioDim: audioDim(inputs), hidden: o.hidden, windowFrames: o.windowFrames, order: o.order, mean: Array.from(norm.mean), invStd: Array.from(norm.invStd) };
  const params = createAnticipatorNet(config, o.seed);
  o.log.info(`anticipator: ${train.length} training songs (${trainSet.count} slow steps), ${val.length} validation songs (${valSet.count}), ${countParams(params)} weights, audio_feature_dim ${config.audioDim}`);
  const rng = createPrng(o.seed);
  const validation: AnticipatorBatch[] = [];
  for (let start = 0; start < valSet.count; start += 2048) {
    validation.push(makeBatch(valSet, Array.from({ length: Math.min(2048, valSet.count - start) }, (_, k) => start + k), false));
  }
  let last: AnticipatorBatch | undefined;
  try {
    const history = await trainLoop<AnticipatorBatch>({
      name: 'anticipator',
      params,
      loss: (b) => anticipatorLoss(params, config, b, o.weights),
      nextBatch: () => {
        o.onBatch?.();
        if (last !== undefined) disposeBatch(last);
        last = makeBatch(trainSet, Array.from({ length: o.batchSize }, () => Math.floor(rng() * trainSet.count)), true);
        return last;
      },
      validation,
      ...scheduleOf(o),
      checkpointExtra: { config },
      runInfo: { command: o.trainingCommand, manifest: o.manifest, train_songs: train.map((s) => s.entry.id), validation_songs: val.map((s) => s.entry.id), batch_size: o.batchSize },
    });
    return { history, config, checkpoint: join(o.outDir, 'checkpoint-best.json'), trainSongs: train.length, valSongs: val.length };
  } finally {
    if (last !== undefined) disposeBatch(last);
    validation.forEach(disposeBatch);
  }
}
