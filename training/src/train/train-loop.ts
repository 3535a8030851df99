/**
 * The training loop every model uses: Adam on a loss of a batch, epochs of random batches, validation after
 * each, best/last checkpoints, early stopping, training_history.json and loss-curve.svg in the run folder,
 * and progress bars with ETA for epochs and batches.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import cliProgress from 'cli-progress';
import { lossCurveSvg } from './loss-curve.js';
import type { EpochRecord } from './loss-curve.js';
import { saveParams } from './params.js';
import type { Params } from './params.js';

export interface TrainLoopOptions<B> {
  name: string;
  params: Params;
  loss: (batch: B) => tf.Scalar;
  nextBatch: () => B;
  validation: readonly B[];
  epochs: number;
  batchesPerEpoch: number;
  learningRate: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  /**
   * Epochs without a better validation loss after which the learning rate halves (and again after as many more);
   * default: never. Below `patience`, or the run stops before it halves.
   */
  halveAfter?: number;
  outDir: string;
  /** Saved beside the weights in every checkpoint (model config, normalisation). */
  checkpointExtra: Record<string, unknown>;
  /** Recorded in the history (backend, command, data). */
  runInfo: Record<string, unknown>;
  log: { info(msg: string): void };
  /** Draw progress bars (default: when stderr is a terminal). */
  progress?: boolean;
}

export interface TrainHistory {
  name: string;
  epochs: EpochRecord[];
  best_epoch: number;
  best_val_loss: number;
  stopped_early: boolean;
  run: Record<string, unknown>;
}

export function meanLoss<B>(loss: (batch: B) => tf.Scalar, batches: readonly B[]): number {
  let sum = 0;
  for (const b of batches) sum += tf.tidy(() => loss(b)).dataSync()[0] ?? NaN;
  return batches.length > 0 ? sum / batches.length : NaN;
}

export async function trainLoop<B>(o: TrainLoopOptions<B>): Promise<TrainHistory> {
  await mkdir(o.outDir, { recursive: true });
  const optimizer = tf.train.adam(o.learningRate);
  let learningRate = o.learningRate;
  let sinceChange = 0;
  const vars = [...o.params.values()];
  const history: TrainHistory = { name: o.name, epochs: [], best_epoch: 0, best_val_loss: Infinity, stopped_early: false, run: o.runInfo };
  const show = o.progress ?? process.stderr.isTTY;
  const bars = new cliProgress.MultiBar(
    { format: '{name} |{bar}| {value}/{total} ETA {eta_formatted} {info}', clearOnComplete: false, hideCursor: true, noTTYOutput: false, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const epochBar = show ? bars.create(o.epochs, 0, { name: 'epochs ', info: '' }) : undefined;
  const batchBar = show ? bars.create(o.batchesPerEpoch, 0, { name: 'batches', info: '' }) : undefined;
  const save = async (file: string): Promise<void> => {
    await writeFile(join(o.outDir, file), `${JSON.stringify({ name: o.name, ...o.checkpointExtra, weights: saveParams(o.params) })}\n`);
  };
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const start = performance.now();
      let sum = 0;
      batchBar?.setTotal(o.batchesPerEpoch);
      batchBar?.update(0, { info: '' });
      for (let i = 0; i < o.batchesPerEpoch; i++) {
        const batch = o.nextBatch();
        const cost = optimizer.minimize(() => o.loss(batch), true, vars);
        const value = cost?.dataSync()[0] ?? NaN;
        cost?.dispose();
        if (!Number.isFinite(value)) throw new Error(`${o.name}: the loss became ${value} in epoch ${epoch}, batch ${i + 1}; lower the learning rate`);
        sum += value;
        batchBar?.update(i + 1, { info: `loss ${(sum / (i + 1)).toFixed(4)}` });
      }
      const val = meanLoss(o.loss, o.validation);
      const record: EpochRecord = { epoch, train_loss: sum / o.batchesPerEpoch, val_loss: val, seconds: (performance.now() - start) / 1000 };
      if (o.halveAfter !== undefined) record.learning_rate = learningRate;
      history.epochs.push(record);
      epochBar?.update(epoch, { info: `val ${val.toFixed(4)}` });
      o.log.info(`${o.name} epoch ${epoch}/${o.epochs}: train ${record.train_loss.toFixed(4)}, validation ${val.toFixed(4)} (${record.seconds.toFixed(1)} s)`);
      if (val < history.best_val_loss) {
        history.best_val_loss = val;
        history.best_epoch = epoch;
        sinceChange = 0;
        await save('checkpoint-best.json');
      } else if (o.halveAfter !== undefined && ++sinceChange >= o.halveAfter) {
        learningRate /= 2;
        sinceChange = 0;
        // tfjs's Adam reads its learning rate at every step; its moments are kept.
        (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
        o.log.info(`${o.name}: no better validation loss for ${o.halveAfter} epochs; learning rate now ${learningRate}`);
      }
      await save('checkpoint-last.json');
      await writeFile(join(o.outDir, 'training_history.json'), `${JSON.stringify(history, null, 1)}\n`);
      await writeFile(join(o.outDir, 'loss-curve.svg'), lossCurveSvg(`${o.name}: loss per epoch`, history.epochs));
      if (epoch - history.best_epoch >= o.patience) {
        history.stopped_early = epoch < o.epochs;
        break;
      }
    }
  } finally {
    bars.stop();
    optimizer.dispose();
  }
  await writeFile(join(o.outDir, 'training_history.json'), `${JSON.stringify(history, null, 1)}\n`);
  return history;
}
