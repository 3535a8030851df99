/**
 * The run options every trainer hands to trainLoop unchanged: how long, how fast, where to write and whom to
 * tell. One place picks them out of a trainer's options, so a new loop option reaches every model at once.
 */
import type { TrainLoopOptions } from './train-loop.js';

export type TrainSchedule = Pick<TrainLoopOptions<unknown>, 'epochs' | 'batchesPerEpoch' | 'learningRate' | 'patience' | 'halveAfter' | 'outDir' | 'log' | 'progress'>;

/** Only the schedule fields of `o` (a trainer's options carry many more that trainLoop must not record). */
export function scheduleOf(o: TrainSchedule): TrainSchedule {
  return {
    epochs: o.epochs,
    batchesPerEpoch: o.batchesPerEpoch,
    learningRate: o.learningRate,
    patience: o.patience,
    ...(o.halveAfter === undefined ? {} : { halveAfter: o.halveAfter }),
    outDir: o.outDir,
    log: o.log,
    ...(o.progress === undefined ? {} : { progress: o.progress }),
  };
}
