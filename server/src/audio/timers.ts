import type { Milliseconds } from '../core/units.js';

/**
 * The clock and interval timer a real-time piece runs on. Injected (Strudel's cyclist style) so watchdogs, pacers
 * and gap fillers are tested with a fake clock, deterministically and faster than real time.
 */
export interface Timers {
  setInterval(fn: () => void, ms: Milliseconds): unknown;
  clearInterval(handle: unknown): void;
  /** Monotonic milliseconds. */
  now(): Milliseconds;
}

/** Node's timers and `performance.now()`. */
export const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => {
    clearInterval(handle as Parameters<typeof clearInterval>[0]);
  },
  now: () => performance.now(),
};
