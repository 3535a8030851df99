import { Worker } from 'node:worker_threads';
import type { Milliseconds } from '../core/units.js';
import { createChannel, H, readTensors, STATUS_OK, viewsOf, writeTensors, type ChannelViews } from './inference-channel.js';
import type { HostToInference, InferenceToHost, InferenceWorkerData } from './inference-protocol.js';
import type { ModelCard } from './model-card.js';
import type { TensorData } from './onnx-model.js';

export type InferResult =
  | { ok: true; outputs: TensorData[] }
  /** busy: the previous request is still running (it timed out); the caller goes on without the model this hop. */
  | { ok: false; reason: 'busy' | 'timeout' | 'failed' | 'no_model' };

export interface LoadedModel {
  slot: number;
  path: string;
  card: ModelCard;
  loadMs: Milliseconds;
}

export interface SlotStats {
  runs: number;
  timeouts: number;
  busy: number;
  failures: number;
  /** Run times (request to answer, ms) of the last runs, for a median and p99. */
  recentMs: number[];
}

const RECENT = 512;
const CLOSE_TIMEOUT_MS = 2000;

/**
 * The synchronous face of the inference thread. `infer` blocks the calling thread (the analysis worker, never
 * the main thread) for at most `timeoutMs`; a model that is slower is skipped for that hop rather than delaying
 * the hop clock. `load` replaces a slot's model without a gap: the old one answers until the new one is ready.
 */
export class InferenceHost {
  readonly #worker: Worker;
  readonly #views: ChannelViews;
  readonly #pending = new Map<number, { resolve: (model: LoadedModel) => void; reject: (error: Error) => void }>();
  readonly #loaded = new Map<number, LoadedModel>();
  readonly #stats = new Map<number, SlotStats>();
  readonly #onRunFailed: (slot: number, error: string) => void;
  #nextRequest = 1;
  #closed: Promise<void> | undefined;

  constructor(onRunFailed: (slot: number, error: string) => void = () => undefined) {
    const buffers = createChannel();
    this.#views = viewsOf(buffers);
    this.#onRunFailed = onRunFailed;
    const data: InferenceWorkerData = buffers;
    this.#worker = new Worker(new URL('./inference-worker.js', import.meta.url), { workerData: data });
    this.#worker.unref();
    this.#worker.on('message', (message: InferenceToHost) => {
      this.#onMessage(message);
    });
    this.#worker.on('error', (error) => {
      for (const { reject } of this.#pending.values()) reject(new Error(`inference thread failed: ${error.message}`));
      this.#pending.clear();
    });
  }

  /** Loads (or replaces) the model in `slot`; rejects with the reason when the file is missing, corrupt or off-contract. */
  load(slot: number, path: string, model?: string): Promise<LoadedModel> {
    const requestId = this.#nextRequest++;
    return new Promise((resolve, reject) => {
      this.#pending.set(requestId, { resolve, reject });
      this.#post({ type: 'load', slot, path, requestId, ...(model === undefined ? {} : { model }) });
    });
  }

  loaded(slot: number): LoadedModel | undefined {
    return this.#loaded.get(slot);
  }

  stats(slot: number): SlotStats {
    let stats = this.#stats.get(slot);
    if (stats === undefined) {
      stats = { runs: 0, timeouts: 0, busy: 0, failures: 0, recentMs: [] };
      this.#stats.set(slot, stats);
    }
    return stats;
  }

  /** Runs the model in `slot` on `inputs` (in the card's input order) and waits for the answer, at most `timeoutMs`. */
  infer(slot: number, inputs: readonly TensorData[], timeoutMs: Milliseconds): InferResult {
    const stats = this.stats(slot);
    if (!this.#loaded.has(slot)) return { ok: false, reason: 'no_model' };
    const header = this.#views.header;
    const done = Atomics.load(header, H.done);
    if (done !== Atomics.load(header, H.seq)) {
      stats.busy++;
      return { ok: false, reason: 'busy' };
    }
    header[H.slot] = slot;
    writeTensors(this.#views, inputs);
    const seq = done + 1;
    const started = performance.now();
    Atomics.store(header, H.seq, seq);
    Atomics.notify(header, H.seq);
    const deadline = started + timeoutMs;
    for (let left = timeoutMs; Atomics.load(header, H.done) !== seq; left = deadline - performance.now()) {
      if (left <= 0) {
        stats.timeouts++;
        return { ok: false, reason: 'timeout' };
      }
      Atomics.wait(header, H.done, done, left);
    }
    stats.recentMs.push(performance.now() - started);
    if (stats.recentMs.length > RECENT) stats.recentMs.splice(0, stats.recentMs.length - RECENT);
    if (header[H.status] !== STATUS_OK) {
      stats.failures++;
      return { ok: false, reason: 'failed' };
    }
    stats.runs++;
    return { ok: true, outputs: readTensors(this.#views) };
  }

  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.#worker.terminate().then(() => { resolve(); }), CLOSE_TIMEOUT_MS);
      this.#worker.on('message', (message: InferenceToHost) => {
        if (message.type !== 'closed') return;
        clearTimeout(timer);
        void this.#worker.terminate().then(() => { resolve(); });
      });
      this.#post({ type: 'close' });
    });
    return this.#closed;
  }

  #post(message: HostToInference): void {
    this.#worker.postMessage(message);
  }

  #onMessage(message: InferenceToHost): void {
    switch (message.type) {
      case 'loaded': {
        const model: LoadedModel = { slot: message.slot, path: message.path, card: message.card, loadMs: message.loadMs };
        this.#loaded.set(message.slot, model);
        this.#pending.get(message.requestId)?.resolve(model);
        this.#pending.delete(message.requestId);
        return;
      }
      case 'load_failed':
        this.#pending.get(message.requestId)?.reject(new Error(message.error));
        this.#pending.delete(message.requestId);
        return;
      case 'run_failed':
        this.#onRunFailed(message.slot, message.error);
        return;
      case 'closed':
        return;
    }
  }
}
