import { MessageChannel, Worker } from 'node:worker_threads';
import type { StateBus } from '../../bus/state-bus.js';
import type { Milliseconds } from '../../core/units.js';
import type { ClockCommand } from './clock-loop.js';
import type { PortLogger } from './midi-port.js';
import { stateOf } from '../../bus/parse-state.js';
import { beatFromState } from './beat-sample.js';
import type { ClockReport, ClockStats, ClockWorkerData, PortChoice } from './worker-protocol.js';

export interface MidiClockOptions {
  /** An output port's name as the system lists it, or 'virtual' for a port named "FractalSync Clock". */
  port: string;
  /** How long the receiver takes to act on a tick: every message goes out this much early (0 to 500). */
  latencyMs: Milliseconds;
}

export type ClockState = 'opening' | 'running' | 'off' | 'failed';

export interface MidiClockStatus extends Partial<ClockStats> {
  state: ClockState;
  port: string;
  latency_ms: Milliseconds;
  message: string | null;
}

/** The main thread's handle on a clock worker; commands reach it within microseconds, even mid-sleep. */
export interface ClockWorker {
  /** Settles once the port is open ('running'), absent ('off') or refused ('failed'). */
  readonly opened: Promise<ClockState>;
  send(command: ClockCommand): void;
  status(): MidiClockStatus;
  close(): Promise<void>;
}

export interface ClockWorkerOptions {
  port: PortChoice;
  latencyMs: Milliseconds;
  /** With the echo port: each message and when it really went out. */
  onSent?: (bytes: number[], at: Milliseconds, sentAt: Milliseconds) => void;
}

const workerUrl = new URL('./midi-clock-worker.js', import.meta.url);

/** Starts the clock's worker thread (runs from the build: `server/dist/outputs/midi/`). */
export function startClockWorker(options: ClockWorkerOptions, log: PortLogger): ClockWorker {
  if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0 || options.latencyMs > 500) {
    throw new Error(`MIDI latency_ms must be 0 to 500, got ${options.latencyMs}`);
  }
  const channel = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const generation = new Int32Array(signal);
  const data: ClockWorkerData = { port: options.port, latencyMs: options.latencyMs, commands: channel.port2, signal };
  const worker = new Worker(workerUrl, { workerData: data, transferList: [channel.port2] });
  const portName = options.port.kind === 'echo' ? 'echo' : options.port.name;
  let status: MidiClockStatus = { state: 'opening', port: portName, latency_ms: options.latencyMs, message: null };
  let settle: (state: ClockState) => void = () => undefined;
  const opened = new Promise<ClockState>((resolve) => (settle = resolve));
  const finish = (state: ClockState, message: string | null): void => {
    status = { ...status, state, message };
    settle(state);
  };
  worker.on('message', (report: ClockReport) => {
    switch (report.type) {
      case 'log': log[report.level](report.msg); return;
      case 'ready': finish('running', null); return;
      case 'unavailable': finish('off', 'no MIDI system available'); return;
      case 'failed':
        log.error(`MIDI: ${report.message}; MIDI clock is off`);
        finish('failed', report.message);
        return;
      case 'sent': options.onSent?.(report.bytes, report.at, report.sentAt); return;
      case 'stats': {
        const { type: _type, ...stats } = report;
        status = { ...status, ...stats };
        return;
      }
    }
  });
  worker.on('error', (error) => {
    log.error(`MIDI: clock thread failed: ${error.message}; MIDI clock is off`);
    finish('failed', error.message);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => { resolve(); }));
  return {
    opened,
    status: () => status,
    send: (command) => {
      channel.port1.postMessage(command);
      // Posted before the bump, so the worker either sees the message or wakes on the new generation.
      Atomics.add(generation, 0, 1);
      Atomics.notify(generation, 0);
    },
    close: async () => {
      channel.port1.postMessage({ type: 'close' } satisfies ClockCommand);
      Atomics.add(generation, 0, 1);
      Atomics.notify(generation, 0);
      await exited;
      channel.port1.close();
      if (status.state === 'running' || status.state === 'opening') status = { ...status, state: 'off', message: 'closed' };
    },
  };
}

export interface MidiClock {
  status(): MidiClockStatus;
  /** Start (with Song Position 0) on the next downbeat. */
  start(): void;
  stop(): void;
  /** Song Position of the next beat, then Continue on it. */
  continue(): void;
  close(): Promise<void>;
}

/** Feeds the bus's beat states to a clock worker on `options.port`. With no MIDI system it logs once and stays off. */
export function attachMidiClock(bus: StateBus, options: MidiClockOptions, log: PortLogger): MidiClock {
  const worker = startClockWorker({ port: { kind: 'device', name: options.port }, latencyMs: options.latencyMs }, log);
  let warned = false;
  const unsubscribe = bus.subscribe((state) => {
    if (worker.status().state === 'off' || worker.status().state === 'failed') return;
    try {
      const beat = beatFromState(stateOf(state), state.wall);
      if (beat) worker.send({ type: 'beat', beat });
    } catch (error) {
      if (warned) return;
      warned = true;
      log.warn(`MIDI: ignoring beat states the clock cannot follow: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  void worker.opened.then((state) => {
    if (state !== 'running') unsubscribe();
  });
  return {
    status: () => worker.status(),
    start: () => { worker.send({ type: 'start' }); },
    stop: () => { worker.send({ type: 'stop' }); },
    continue: () => { worker.send({ type: 'continue' }); },
    close: async () => {
      unsubscribe();
      await worker.close();
    },
  };
}
