import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACT } from '../core/contract/contract.js';
import type { Milliseconds } from '../core/units.js';
import type { Logger } from '../log.js';
import { loadBeatNetwork, type BeatNetwork } from '../models/beat-network.js';
import { InferenceHost } from '../models/inference-host.js';
import type { ModelCard } from '../models/model-card.js';
import type { TensorData } from '../models/onnx-model.js';

/** The models/ folder that ships with FractalSync (beside server/, from server/dist/engine or server/src/engine). */
export const SHIPPED_MODELS_DIR = fileURLToPath(new URL('../../../models', import.meta.url));

/** An offline run (a file, an evaluation) waits as long as a model needs: results must not depend on machine load. */
export const OFFLINE_MODEL_TIMEOUT_MS = 10_000;

/** The contract models the daemon runs per hop. (bar_phase is not among them: it does not beat extrapolation.) */
export const RUNTIME_MODELS = ['beat_activation', 'anticipator', 'controller'] as const;
export type RuntimeModel = (typeof RUNTIME_MODELS)[number];

/** The models run on the inference thread. The beat network is stepped on the hop thread itself (BeatNetwork). */
export type ThreadModel = Exclude<RuntimeModel, 'beat_activation'>;

export function isRuntimeModel(name: string): name is RuntimeModel {
  return (RUNTIME_MODELS as readonly string[]).includes(name);
}

/** What the hop path asks of the models: their cards, the beat network, and a synchronous run that may decline. */
export interface HopInference {
  card(name: RuntimeModel): ModelCard | undefined;
  /** The loaded beat network, undefined without one. */
  beatNetwork(): BeatNetwork | undefined;
  /** Outputs in the card's order, or undefined when the model is absent, late or failing: the hop goes on without it. */
  run(name: ThreadModel, inputs: readonly TensorData[]): TensorData[] | undefined;
  /** Says something about a model that the VJ should know (an unusable answer, a card that does not fit). */
  report(message: string): void;
}

export interface ModelStatus {
  name: RuntimeModel;
  path: string | null;
  /** Wall time of the load (ms since the epoch), null before any. */
  loaded_at: Milliseconds | null;
  load_ms: Milliseconds | null;
  runs: number;
  /** Hops the model missed its deadline, found the inference thread still busy, or failed: the hop went on without it. */
  timeouts: number;
  busy: number;
  failures: number;
  run_ms_median: Milliseconds | null;
  run_ms_p99: Milliseconds | null;
  /** Why the last load failed (the model loaded before, if any, keeps running). */
  error: string | null;
}

function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? null;
}

/**
 * The daemon's models. The anticipator and controller run on one inference thread, each in its own slot; `run`
 * waits at most `timeoutMs`: the live worker gives a few ms so a slow model never delays the hop clock; offline
 * runs give it all the time it needs, so analysis of a file is reproducible. The beat network is stepped one hop
 * at a time on the calling thread (a few µs, far less than a round trip to the inference thread would cost).
 */
export class HopModels implements HopInference {
  readonly #host: InferenceHost;
  readonly #timeoutMs: Milliseconds;
  readonly #log: Logger;
  readonly #loadedAt = new Map<RuntimeModel, Milliseconds>();
  readonly #errors = new Map<RuntimeModel, string>();
  readonly #runFailuresLogged = new Set<number>();
  #beat: BeatNetwork | undefined;

  constructor(timeoutMs: Milliseconds, log: Logger) {
    if (!(timeoutMs > 0)) throw new Error(`model timeout must be a positive number of ms, got ${timeoutMs}`);
    this.#timeoutMs = timeoutMs;
    this.#log = log;
    this.#host = new InferenceHost((slot, error) => {
      // The first failure of a model is logged; the rest are counted in its status.
      if (this.#runFailuresLogged.has(slot)) return;
      this.#runFailuresLogged.add(slot);
      this.#log.error(`model ${RUNTIME_MODELS[slot] ?? slot} failed on a hop (the hop went on without it): ${error}`);
    });
  }

  /** Loads or replaces a model; the one it replaces runs until the new one is ready. Rejects naming the problem. */
  async load(name: RuntimeModel, path: string): Promise<ModelCard> {
    const slot = RUNTIME_MODELS.indexOf(name);
    try {
      const loaded = name === 'beat_activation' ? (this.#beat = await loadBeatNetwork(path, CONTRACT)) : await this.#host.load(slot, path, name);
      this.#loadedAt.set(name, Date.now());
      this.#errors.delete(name);
      this.#runFailuresLogged.delete(slot);
      this.#log.info(`model ${name}: loaded ${path} in ${loaded.loadMs.toFixed(0)} ms`);
      return loaded.card;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#errors.set(name, message);
      throw new Error(message, { cause: error });
    }
  }

  /** Loads every runtime model found in `dir` as NAME.onnx; a missing one is noted, a broken one logged, none stops the daemon. */
  async loadDir(dir: string): Promise<void> {
    for (const name of RUNTIME_MODELS) {
      const path = join(dir, `${name}.onnx`);
      if (!existsSync(path)) {
        this.#log.info(`model ${name}: none in ${dir}; ${FALLBACK[name]}`);
        continue;
      }
      try {
        await this.load(name, path);
      } catch (error) {
        this.#log.warn(`model ${name}: ${error instanceof Error ? error.message : String(error)}; ${FALLBACK[name]}`);
      }
    }
  }

  card(name: RuntimeModel): ModelCard | undefined {
    if (name === 'beat_activation') return this.#beat?.card;
    return this.#host.loaded(RUNTIME_MODELS.indexOf(name))?.card;
  }

  beatNetwork(): BeatNetwork | undefined {
    return this.#beat;
  }

  run(name: ThreadModel, inputs: readonly TensorData[]): TensorData[] | undefined {
    const result = this.#host.infer(RUNTIME_MODELS.indexOf(name), inputs, this.#timeoutMs);
    return result.ok ? result.outputs : undefined;
  }

  report(message: string): void {
    this.#log.warn(message);
  }

  status(): ModelStatus[] {
    return RUNTIME_MODELS.map((name, slot) => {
      const beat = name === 'beat_activation' ? this.#beat : undefined;
      const loaded = name === 'beat_activation' ? beat : this.#host.loaded(slot);
      // The beat network runs on the hop thread: it cannot be late or find a thread busy.
      const stats = beat === undefined ? this.#host.stats(slot) : { runs: beat.runs, timeouts: 0, busy: 0, failures: beat.failures, recentMs: beat.recentMs };
      return {
        name,
        path: loaded?.path ?? null,
        loaded_at: this.#loadedAt.get(name) ?? null,
        load_ms: loaded?.loadMs ?? null,
        runs: stats.runs,
        timeouts: stats.timeouts,
        busy: stats.busy,
        failures: stats.failures,
        run_ms_median: percentile(stats.recentMs, 50),
        run_ms_p99: percentile(stats.recentMs, 99),
        error: this.#errors.get(name) ?? null,
      };
    });
  }

  close(): Promise<void> {
    return this.#host.close();
  }
}

/** What the daemon does without each model, said when it is missing or broken. */
const FALLBACK: Record<RuntimeModel, string> = {
  beat_activation: 'the beat tracker uses its DSP activation',
  anticipator: 'SlowState carries no structure block',
  controller: 'the control vector comes from the hand-written mapping',
};
