import type { Milliseconds, Seconds } from '../core/units.js';

/** About two seconds of hops: long enough to contain a hop that reached us without delay. */
const WINDOW_HOPS = 94;

/**
 * Maps the server clock onto stream time, so a command can say when in the stream it arrived (a tap timed to the
 * millisecond instead of to the next hop). Each state gives `wall - t`, which is the true offset plus that hop's
 * processing delay; the smallest over the last two seconds is the least delayed, so it is the one used.
 */
export class StreamClock {
  readonly #offsets: number[] = [];
  #next = 0;

  /** Records a published hop: its stream time `t` and the server clock `wall` when it was done. */
  observe(t: Seconds, wall: Milliseconds): void {
    const offset = wall / 1000 - t;
    if (!Number.isFinite(offset)) return;
    if (this.#offsets.length < WINDOW_HOPS) this.#offsets.push(offset);
    else this.#offsets[this.#next] = offset;
    this.#next = (this.#next + 1) % WINDOW_HOPS;
  }

  /** Stream time at server clock `wall`; undefined before the first hop. */
  streamTimeAt(wall: Milliseconds): Seconds | undefined {
    if (this.#offsets.length === 0) return undefined;
    return wall / 1000 - Math.min(...this.#offsets);
  }
}
