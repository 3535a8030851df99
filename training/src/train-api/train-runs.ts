/**
 * One training run at a time, and its status for GET /api/train/status: idle, running, done or failed, with
 * progress (batches drawn over batches planned), the epoch, the loss history and the error of a failed run.
 */
import { join, resolve } from 'node:path';
import { trainAnticipator } from '../anticipator/anticipator-train.js';
import { trainController } from '../controller/controller-train.js';
import { CACHE_DIR } from '../repo-paths.js';
import { featureCacheDir } from '../anticipator/song-features.js';
import type { TrainRequest } from './train-request.js';

export type RunState = 'idle' | 'running' | 'done' | 'failed';

export interface EpochLoss {
  epoch: number;
  train_loss: number;
  val_loss: number;
}

export interface TrainStatus {
  status: RunState;
  model: string | null;
  progress: number;
  epoch: number;
  epochs: number;
  loss_history: EpochLoss[];
  error: string | null;
  out: string | null;
  started_at: number | null;
  finished_at: number | null;
}

export class BusyError extends Error {}

/** What a run does; the default trains the real models, a test may pass a smaller one. */
export type Trainer = (request: TrainRequest, hooks: { onBatch: () => void; log: { info(msg: string): void } }) => Promise<void>;

const EPOCH_LINE = /epoch (\d+)\/(\d+): train ([\d.eE+-]+|NaN), validation ([\d.eE+-]+|NaN)/;

export function manifestOf(data: string): string {
  const path = resolve(data);
  return path.endsWith('.json') ? path : join(path, 'manifest.json');
}

export const defaultTrainer: Trainer = async (r, hooks) => {
  const manifest = manifestOf(r.data);
  const common = {
    manifest,
    cacheDir: featureCacheDir(manifest),
    outDir: resolve(r.out ?? join(CACHE_DIR, 'runs', `api-${r.model}`)),
    batchesPerEpoch: r.batches_per_epoch,
    batchSize: r.batch_size,
    learningRate: r.learning_rate,
    windowFrames: r.window_frames,
    order: r.deltas,
    patience: 4,
    seed: 1,
    trainingCommand: `POST /api/train/start ${JSON.stringify(r)}`,
    log: hooks.log,
    progress: false,
    onBatch: (): void => {
      hooks.onBatch();
    },
  };
  if (r.model === 'anticipator') {
    await trainAnticipator({ ...common, epochs: r.epochs, hidden: 128 });
  } else {
    const anticipator = join(resolve(r.anticipator_run ?? join(CACHE_DIR, 'runs', 'anticipator')), 'checkpoint-best.json');
    // The epochs are split between the two stages (true labels first, then the anticipator's predictions).
    const first = Math.ceil(r.epochs / 2);
    await trainController({ ...common, anticipator, epochs: [first, r.epochs - first], steps: 64, hidden: 64, tableSize: 48 });
  }
};

export class TrainRuns {
  readonly #now: () => number;
  readonly #trainer: Trainer;
  #status: TrainStatus = { status: 'idle', model: null, progress: 0, epoch: 0, epochs: 0, loss_history: [], error: null, out: null, started_at: null, finished_at: null };
  #running: Promise<void> | null = null;

  constructor(now: () => number, trainer: Trainer = defaultTrainer) {
    this.#now = now;
    this.#trainer = trainer;
  }

  status(): TrainStatus {
    return { ...this.#status, loss_history: [...this.#status.loss_history] };
  }

  /** Starts a run; throws BusyError while one is running. Resolves when the run has started, not finished. */
  start(request: TrainRequest): TrainStatus {
    if (this.#status.status === 'running') throw new BusyError(`a ${this.#status.model ?? ''} run is in progress (epoch ${this.#status.epoch}/${this.#status.epochs}); wait for it to finish`);
    const planned = request.epochs * request.batches_per_epoch;
    let drawn = 0;
    this.#status = { status: 'running', model: request.model, progress: 0, epoch: 0, epochs: request.epochs, loss_history: [], error: null, out: request.out ?? null, started_at: this.#now(), finished_at: null };
    const hooks = {
      onBatch: (): void => {
        drawn++;
        this.#status.progress = Math.min(1, drawn / planned);
      },
      log: {
        info: (msg: string): void => {
          const m = EPOCH_LINE.exec(msg);
          if (m === null) return;
          this.#status.epoch = Number(m[1]);
          this.#status.loss_history.push({ epoch: this.#status.loss_history.length + 1, train_loss: Number(m[3]), val_loss: Number(m[4]) });
        },
      },
    };
    this.#running = this.#trainer(request, hooks).then(
      () => {
        this.#status = { ...this.#status, status: 'done', progress: 1, finished_at: this.#now() };
      },
      (err: unknown) => {
        this.#status = { ...this.#status, status: 'failed', error: err instanceof Error ? err.message : String(err), finished_at: this.#now() };
      },
    );
    return this.status();
  }

  /** Resolves when the current run (if any) has ended. */
  async settled(): Promise<void> {
    await this.#running;
  }
}
