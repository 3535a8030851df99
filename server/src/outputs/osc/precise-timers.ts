import type { Milliseconds } from '../../core/units.js';
import type { OneShotTimers } from './beat-scheduler.js';

/** How early the coarse timer wakes before the target time; covers libuv's 1 ms timer granularity. */
const SPIN_MS = 2;

interface Handle {
  cancelled: boolean;
  timeout: ReturnType<typeof setTimeout> | undefined;
}

/**
 * One-shot timers accurate to well under a millisecond: a normal timer wakes SPIN_MS early, then setImmediate
 * polls the clock, yielding to I/O between polls so sockets are never blocked. Costs ~2 ms of polling per event.
 */
export function preciseTimers(now: () => Milliseconds): OneShotTimers {
  return {
    setTimeout(fn, ms) {
      const target = now() + ms;
      const handle: Handle = { cancelled: false, timeout: undefined };
      const poll = (): void => {
        if (handle.cancelled) return;
        if (now() >= target) fn();
        else setImmediate(poll);
      };
      handle.timeout = setTimeout(poll, Math.max(0, ms - SPIN_MS));
      return handle;
    },
    clearTimeout(handle) {
      const h = handle as Handle;
      h.cancelled = true;
      clearTimeout(h.timeout);
    },
  };
}
