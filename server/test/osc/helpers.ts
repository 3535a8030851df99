import type { BeatState, SlowState } from '../../src/core/state/slow-state.js';
import type { OneShotTimers } from '../../src/outputs/osc/beat-scheduler.js';

export function beatState(over: Partial<BeatState> = {}): BeatState {
  return { bpm: 120, spb: 0.5, phase: 0.5, beat_in_bar: 2, beats_per_bar: 4, bar_phase: 0.375, beat_count: 10, bar_count: 3, conf: 0.8, downbeat_prob: 0.1, ...over };
}

export function slowState(over: Partial<SlowState> = {}): SlowState {
  return {
    v: 1,
    hop: 100,
    t: (100 * 1024) / 48000,
    wall: 1000,
    features: { rms: 0.25, centroid: 1500, flux: 0.125, zcr: 0.0625, onset: 0.5, rolloff: 4000, bands: [1, 2, 3, 4, 5, 6] },
    beat: beatState(),
    ...over,
  };
}

/** One-shot timers on a fake clock: callbacks run, in time order, only when the test advances time. */
export class FakeTimers implements OneShotTimers {
  time: number;
  #next = 1;
  readonly #due = new Map<number, { at: number; fn: () => void }>();

  constructor(start = 0) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  setTimeout(fn: () => void, ms: number): number {
    const id = this.#next++;
    this.#due.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#due.delete(handle);
  }

  get pending(): number {
    return this.#due.size;
  }

  advanceTo(end: number): void {
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.#due) if (e[1].at <= end && (!first || e[1].at < first[1].at)) first = e;
      if (!first) break;
      this.#due.delete(first[0]);
      this.time = first[1].at;
      first[1].fn();
    }
    this.time = end;
  }
}
