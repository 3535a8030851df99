import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { Milliseconds } from '../../core/units.js';
import { runClockLoop, type ClockCommand, type ClockLoopIo } from './clock-loop.js';
import { openMidiPort, type MidiPort } from './midi-port.js';
import { TickScheduler } from './tick-scheduler.js';
import type { ClockReport, ClockWorkerData } from './worker-protocol.js';

/**
 * The MIDI clock's own thread: nothing else runs here, so no socket, model or disk stall can delay a tick.
 * It sleeps with Atomics.wait (cut short when a command arrives) and spins the last fraction of a ms.
 */
const data = workerData as ClockWorkerData;
const SPIN_MS = 0.2;
const STATS_EVERY_MS = 1000;
const post = (report: ClockReport): void => parentPort?.postMessage(report);
const now = (): Milliseconds => performance.timeOrigin + performance.now();
const log = {
  info: (msg: string) => { post({ type: 'log', level: 'info', msg }); },
  warn: (msg: string) => { post({ type: 'log', level: 'warn', msg }); },
  error: (msg: string) => { post({ type: 'log', level: 'error', msg }); },
};

function openPort(): MidiPort | undefined {
  if (data.port.kind === 'echo') return { send: () => undefined, close: () => undefined };
  return openMidiPort(data.port.name, log);
}

function main(): void {
  let port: MidiPort | undefined;
  try {
    port = openPort();
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!port) {
    post({ type: 'unavailable' });
    return;
  }
  post({ type: 'ready' });
  const signal = new Int32Array(data.signal);
  let generation = Atomics.load(signal, 0);
  const io: ClockLoopIo = {
    now,
    receive: () => {
      // Read the generation before polling: a command posted after this read makes the next wait return at once.
      generation = Atomics.load(signal, 0);
      return receiveMessageOnPort(data.commands)?.message as ClockCommand | undefined;
    },
    waitUntil: (until) => {
      for (let left = until - now(); left > SPIN_MS; left = until - now()) {
        if (Atomics.wait(signal, 0, generation, left - SPIN_MS) !== 'timed-out') return;
      }
      while (now() < until) {
        // Spin the last fraction of a millisecond: Atomics.wait alone wakes up to ~0.1 ms late.
      }
    },
    send: (bytes) => { port.send(bytes); },
  };
  const scheduler = new TickScheduler({ latencyMs: data.latencyMs, now });
  const echo = data.port.kind === 'echo';
  let late: number[] = [];
  let ticks = 0;
  let statsAt = now() + STATS_EVERY_MS;
  runClockLoop(scheduler, io, (event, sentAt) => {
    if (echo) post({ type: 'sent', bytes: event.bytes, at: event.at, sentAt });
    if (event.bytes[0] === 0xf8) ticks++;
    late.push(sentAt - event.at);
    if (sentAt < statsAt) return;
    late.sort((a, b) => a - b);
    post({ type: 'stats', transport: scheduler.transport, ticks, late_ms_median: late[Math.floor(late.length / 2)] ?? 0, late_ms_max: late[late.length - 1] ?? 0 });
    late = [];
    statsAt = sentAt + STATS_EVERY_MS;
  });
  port.close();
  data.commands.close();
}

main();
