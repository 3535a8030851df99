import type { Milliseconds } from '../../core/units.js';
import type { MessagePort } from 'node:worker_threads';
import type { Transport } from './tick-scheduler.js';

/** Where the clock's bytes go: a MIDI output port (a name or 'virtual'), or back to the main thread. */
export type PortChoice = { kind: 'device'; name: string } | { kind: 'echo' };

export interface ClockWorkerData {
  port: PortChoice;
  latencyMs: Milliseconds;
  /** Commands arrive here; the worker polls it, since its event loop is blocked while it keeps time. */
  commands: MessagePort;
  /** Int32 generation counter: the main thread bumps it and notifies after each command. */
  signal: SharedArrayBuffer;
}

export interface ClockStats {
  transport: Transport;
  ticks: number;
  /** How late messages left against their planned time over the last second (ms). */
  late_ms_median: number;
  late_ms_max: number;
}

/** What the worker tells the main thread. */
export type ClockReport =
  | { type: 'log'; level: 'info' | 'warn' | 'error'; msg: string }
  | { type: 'ready' }
  | { type: 'unavailable' }
  | { type: 'failed'; message: string }
  | { type: 'sent'; bytes: number[]; at: Milliseconds; sentAt: Milliseconds }
  | ({ type: 'stats' } & ClockStats);
