import type { SourceEvent, SourceInfo } from '../audio/source.js';
import type { BeatCommand } from '../core/beat/commands.js';
import type { ControlSourceChoice } from '../core/scene/scene.js';
import type { HopIndex, Milliseconds, Seconds } from '../core/units.js';
import type { ModelCard } from '../models/model-card.js';
import type { ModelStatus, RuntimeModel } from './hop-models.js';
import type { EngineStatus } from './status.js';

/** What the engine worker is started with (structured-cloned into workerData). */
export interface EngineWorkerData {
  input: string;
  device?: string | number;
  channel: 'mix' | number;
  loop: boolean;
  /** Folder with NAME.onnx + NAME.card.json for the runtime models; absent: no models, hand-written paths only. */
  modelsDir?: string;
  /** How long a hop waits for the anticipator's or controller's answer before going on without it. */
  modelTimeoutMs: Milliseconds;
}

export type WorkerToMain =
  | { type: 'started'; source: SourceInfo }
  | { type: 'state'; hop: HopIndex; t: Seconds; wall: Milliseconds; json: string }
  | { type: 'status'; status: Omit<EngineStatus, 'processing'> & { processing: Omit<EngineStatus['processing'], 'late_states'> } }
  | { type: 'event'; event: SourceEvent }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; msg: string }
  | { type: 'fatal'; message: string }
  | { type: 'models'; models: ModelStatus[] }
  | { type: 'model_loaded'; id: number; card: ModelCard }
  | { type: 'model_failed'; id: number; error: string }
  | { type: 'stopped' };

export type MainToWorker =
  | { type: 'stop' }
  | { type: 'beat'; command: BeatCommand }
  | { type: 'control_source'; choice: ControlSourceChoice }
  | { type: 'load_model'; id: number; name: RuntimeModel; path: string };
