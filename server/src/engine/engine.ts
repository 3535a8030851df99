import { Worker } from 'node:worker_threads';
import type { SourceInfo } from '../audio/source.js';
import type { StateBus } from '../bus/state-bus.js';
import type { BeatCommand } from '../core/beat/commands.js';
import type { ControlSourceChoice } from '../core/scene/scene.js';
import type { Logger } from '../log.js';
import type { ModelCard } from '../models/model-card.js';
import type { ModelStatus, RuntimeModel } from './hop-models.js';
import type { EngineStatus } from './status.js';
import type { EngineWorkerData, MainToWorker, WorkerToMain } from './worker-protocol.js';

const LATE_STATE_MS = 100;
const STOP_TIMEOUT_MS = 3000;

/**
 * The network thread's handle on the analysis worker: starts it, forwards its states to the bus and
 * keeps the latest status. A state is published as the worker serialised it; nothing is re-encoded here.
 */
export class Engine {
  readonly #worker: Worker;
  readonly #log: Logger;
  #status: EngineStatus;
  #lateStates = 0;
  #models: ModelStatus[] = [];
  #nextLoad = 1;
  readonly #loads = new Map<number, { resolve: (card: ModelCard) => void; reject: (error: Error) => void }>();
  #stopped: Promise<void> | undefined;

  private constructor(worker: Worker, log: Logger) {
    this.#worker = worker;
    this.#log = log;
    this.#status = {
      input: { source: null, state: 'starting', message: null, level_rms: 0, level_peak: 0, clipping: false, clipped_samples: 0, silent_fill_hops: 0 },
      processing: { hop: 0, t: 0, hop_ms_median: 0, hop_ms_p99: 0, hops_per_second: 0, late_states: 0 },
    };
  }

  /** Starts the worker; resolves once its audio source runs, rejects with the source's own error message. */
  static start(data: EngineWorkerData, bus: StateBus, log: Logger): Promise<Engine> {
    const worker = new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData: data });
    const engine = new Engine(worker, log);
    return new Promise((resolve, reject) => {
      let started = false;
      worker.on('message', (message: WorkerToMain) => {
        switch (message.type) {
          case 'started':
            started = true;
            engine.#status.input.source = message.source;
            engine.#status.input.state = 'running';
            resolve(engine);
            break;
          case 'fatal':
            if (started) log.error(`analysis worker failed: ${message.message}`);
            else reject(new Error(message.message));
            break;
          default:
            engine.#onMessage(message, bus);
        }
      });
      worker.on('error', (error) => {
        if (started) log.error(`analysis worker crashed: ${error.message}`);
        else reject(error);
      });
      worker.on('exit', (code) => {
        if (!started) reject(new Error(`analysis worker exited with code ${code} before the input started`));
      });
    });
  }

  get source(): SourceInfo | null {
    return this.#status.input.source;
  }

  status(): EngineStatus {
    return { input: { ...this.#status.input }, processing: { ...this.#status.processing, late_states: this.#lateStates } };
  }

  /** Sends a manual beat command to the tracker; it takes effect on the next hop. */
  command(command: BeatCommand): void {
    this.#worker.postMessage({ type: 'beat', command } satisfies MainToWorker);
  }

  /** The runtime models as the analysis worker last reported them (every 500 ms). */
  models(): ModelStatus[] {
    return this.#models;
  }

  /**
   * Loads or replaces a model in the running analysis, without a gap in SlowState: the model it replaces answers
   * until the new one is ready. Rejects naming the problem (missing, corrupt, off-contract, another model's card).
   */
  loadModel(name: RuntimeModel, path: string): Promise<ModelCard> {
    const id = this.#nextLoad++;
    return new Promise((resolve, reject) => {
      this.#loads.set(id, { resolve, reject });
      this.#worker.postMessage({ type: 'load_model', id, name, path } satisfies MainToWorker);
    });
  }

  /** Picks the control vector's producer; with no controller model loaded both choices give 'manual'. */
  setControlSource(choice: ControlSourceChoice): void {
    this.#worker.postMessage({ type: 'control_source', choice } satisfies MainToWorker);
  }

  /** Stops the source, then the worker; a worker that does not answer in time is terminated. */
  stop(): Promise<void> {
    this.#stopped ??= new Promise<void>((resolve) => {
      const timeout = setTimeout(() => void this.#worker.terminate().then(() => { resolve(); }), STOP_TIMEOUT_MS);
      this.#worker.on('message', (message: WorkerToMain) => {
        if (message.type !== 'stopped') return;
        clearTimeout(timeout);
        void this.#worker.terminate().then(() => { resolve(); });
      });
      this.#worker.postMessage({ type: 'stop' } satisfies MainToWorker);
    });
    return this.#stopped;
  }

  #onMessage(message: WorkerToMain, bus: StateBus): void {
    switch (message.type) {
      case 'state':
        if (performance.timeOrigin + performance.now() - message.wall > LATE_STATE_MS) this.#lateStates++;
        bus.publish({ hop: message.hop, t: message.t, wall: message.wall, json: message.json });
        break;
      case 'status':
        this.#status = { input: message.status.input, processing: { ...message.status.processing, late_states: this.#lateStates } };
        break;
      case 'event':
        this.#status.input.message = message.event.message;
        break;
      case 'log':
        this.#log[message.level](message.msg);
        break;
      case 'models':
        this.#models = message.models;
        break;
      case 'model_loaded':
        this.#loads.get(message.id)?.resolve(message.card);
        this.#loads.delete(message.id);
        break;
      case 'model_failed':
        this.#loads.get(message.id)?.reject(new Error(message.error));
        this.#loads.delete(message.id);
        break;
      default:
        break;
    }
  }
}
