/**
 * A sorted list of timed events with a lookup of the events that sound during a sample range. The lookup is a
 * binary search, not a moving cursor, so what a block contains depends only on its range, never on earlier calls.
 */
import type { Samples } from '../units.js';

export interface TimedEvent {
  /** First sample of the event within one pass; negative for a tail carried over from the previous pass. */
  start: Samples;
  /** One past its last sample. */
  end: Samples;
}

export class EventTrack<T extends TimedEvent> {
  private readonly events: readonly T[];
  private readonly maxLength: Samples;

  constructor(events: readonly T[]) {
    this.events = [...events].sort((a, b) => a.start - b.start);
    this.maxLength = this.events.reduce((m, e) => Math.max(m, e.end - e.start), 0);
  }

  get size(): number {
    return this.events.length;
  }

  /** Calls `visit` for each event overlapping [from, to), in start order, with the overlapping sub-range. */
  forEachActive(from: Samples, to: Samples, visit: (event: T, lo: Samples, hi: Samples) => void): void {
    // Any event overlapping `from` started after from - maxLength: binary-search that bound.
    const earliest = from - this.maxLength;
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid]?.start ?? Infinity) <= earliest) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.events.length; i++) {
      const event = this.events[i];
      if (event === undefined || event.start >= to) break;
      if (event.end <= from) continue;
      visit(event, Math.max(from, event.start), Math.min(to, event.end));
    }
  }
}

/**
 * Makes a pass periodic: an event ringing past the end of the pass also sounds, shifted back by one pass, at the
 * start. Rendering pass after pass then joins without a cut tail, and every pass is identical.
 */
export function wrapTails<T extends TimedEvent>(events: readonly T[], passLength: Samples): T[] {
  const wrapped = events.filter((e) => e.end > passLength).map((e) => ({ ...e, start: e.start - passLength, end: e.end - passLength }));
  return [...wrapped, ...events];
}
