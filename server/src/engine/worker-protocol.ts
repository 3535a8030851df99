import type { SourceEvent, SourceInfo } from '../audio/source.js';
import type { BeatCommand } from '../core/beat/commands.js';
import type { ControlSourceChoice } from '../core/scene/scene.js';
import type { HopIndex, Milliseconds, Seconds } from '../core/units.js';
import type { EngineStatus } from './status.js';

/** What the engine worker is started with (structured-cloned into workerData). */
export interface EngineWorkerData {
  input: string;
  device?: string | number;
  channel: 'mix' | number;
  loop: boolean;
}

export type WorkerToMain =
  | { type: 'started'; source: SourceInfo }
  | { type: 'state'; hop: HopIndex; t: Seconds; wall: Milliseconds; json: string }
  | { type: 'status'; status: Omit<EngineStatus, 'processing'> & { processing: Omit<EngineStatus['processing'], 'late_states'> } }
  | { type: 'event'; event: SourceEvent }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; msg: string }
  | { type: 'fatal'; message: string }
  | { type: 'stopped' };

export type MainToWorker =
  | { type: 'stop' }
  | { type: 'beat'; command: BeatCommand }
  | { type: 'control_source'; choice: ControlSourceChoice };
