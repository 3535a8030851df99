import type { Timers } from '../../src/audio/timers.js';

interface Interval {
  fn: () => void;
  ms: number;
  next: number;
}

/** A deterministic clock: intervals run, in time order, only when the test advances time. */
export class FakeClock implements Timers {
  private time = 0;
  private readonly intervals = new Map<number, Interval>();
  private nextId = 1;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setInterval(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.intervals.set(id, { fn, ms, next: this.time + ms });
    return id;
  }

  clearInterval(handle: unknown): void {
    if (typeof handle === 'number') this.intervals.delete(handle);
  }

  get activeIntervals(): number {
    return this.intervals.size;
  }

  /** Moves time forward by `ms`, firing every interval that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, Interval] | undefined;
      for (const entry of this.intervals) if (entry[1].next <= end && (!due || entry[1].next < due[1].next)) due = entry;
      if (!due) break;
      const [, interval] = due;
      this.time = interval.next;
      interval.next += interval.ms;
      interval.fn();
    }
    this.time = end;
  }

  /** Jumps time forward without firing anything, like a timer that runs late. */
  jump(ms: number): void {
    this.time += ms;
    for (const interval of this.intervals.values()) interval.next = Math.max(interval.next, this.time);
  }
}
