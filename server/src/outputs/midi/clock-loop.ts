import type { Milliseconds } from '../../core/units.js';
import type { BeatSample, MidiEvent, TickScheduler } from './tick-scheduler.js';

/** What the main thread tells the clock. */
export type ClockCommand =
  | { type: 'beat'; beat: BeatSample }
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'continue' }
  | { type: 'close' };

/** The loop's world: a clock, a blocking wait that a command can cut short, a command queue, a port. */
export interface ClockLoopIo {
  now(): Milliseconds;
  /** Blocks until `until` or until a command arrives, whichever is first. */
  waitUntil(until: Milliseconds): void;
  /** The next queued command, without blocking. */
  receive(): ClockCommand | undefined;
  send(bytes: number[]): void;
}

/** How long the loop sleeps with no beat to follow (a command still wakes it at once). */
const IDLE_MS = 100;

/**
 * Runs the clock until a `close` command: sleeps until each message is due, sends it, and reports when
 * it really went out. Same code in the worker and, with a fake clock, in tests.
 */
export function runClockLoop(scheduler: TickScheduler, io: ClockLoopIo, onSent: (event: MidiEvent, sentAt: Milliseconds) => void): void {
  for (;;) {
    for (let command = io.receive(); command; command = io.receive()) {
      if (command.type === 'close') return;
      apply(scheduler, command);
    }
    const at = scheduler.nextAt();
    if (at === undefined) {
      io.waitUntil(io.now() + IDLE_MS);
      continue;
    }
    if (io.now() < at) {
      io.waitUntil(at);
      // Woken early by a command: apply it and plan again, since it may move the next tick.
      if (io.now() < at) continue;
    }
    for (const event of scheduler.take(io.now())) {
      io.send(event.bytes);
      onSent(event, io.now());
    }
  }
}

function apply(scheduler: TickScheduler, command: Exclude<ClockCommand, { type: 'close' }>): void {
  switch (command.type) {
    case 'beat': scheduler.update(command.beat); return;
    case 'start': scheduler.start(); return;
    case 'stop': scheduler.stop(); return;
    case 'continue': scheduler.continue(); return;
  }
}
