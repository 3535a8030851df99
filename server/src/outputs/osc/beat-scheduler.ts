import type { BeatState } from '../../core/state/slow-state.js';
import type { Milliseconds } from '../../core/units.js';
import { predictBeat, type PredictedBeat } from './profile.js';

/** One-shot timers, injected so tests run on a fake clock. */
export interface OneShotTimers {
  setTimeout(fn: () => void, ms: Milliseconds): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BeatSchedulerOptions {
  latencyMs: Milliseconds;
  /** Server clock, the same base as SlowState `wall`. */
  now: () => Milliseconds;
  timers: OneShotTimers;
  /** Called once per beat_count, at (predicted beat time - latency); `sendAt` is that target time. */
  onBeat: (beat: PredictedBeat, sendAt: Milliseconds) => void;
  /** A beat whose send time passed longer ago than this is stale and never sent. Default: one hop. */
  lateToleranceMs?: Milliseconds;
}

interface Pending {
  beat: PredictedBeat;
  sendAt: Milliseconds;
  handle: unknown;
}

/** 1024 / 48000 s: a state arrives at most this late after the beat it reports. */
const HOP_MS = (1024 / 48000) * 1000;

/**
 * Sends beat events at the predicted beat time minus latency rather than when a state reports them.
 * One beat is pending at a time; each newer state re-predicts it (moving its timer), and each beat_count is
 * sent at most once. A beat the tracker has already passed is sent only if it is at most one hop late.
 */
export class BeatScheduler {
  readonly #o: Required<BeatSchedulerOptions>;
  #last: { beat: BeatState; wall: Milliseconds } | undefined;
  #pending: Pending | undefined;
  #lastSent = -Infinity;
  #sent = 0;
  #stale = 0;

  constructor(options: BeatSchedulerOptions) {
    this.#o = { lateToleranceMs: HOP_MS, ...options };
  }

  get sent(): number {
    return this.#sent;
  }

  /** Beats predicted but dropped because the tracker had moved past them. */
  get stale(): number {
    return this.#stale;
  }

  /** The beat waiting for its timer, if any. */
  get pending(): { beat: PredictedBeat; sendAt: Milliseconds } | undefined {
    return this.#pending && { beat: this.#pending.beat, sendAt: this.#pending.sendAt };
  }

  /** A new state's beat block; undefined (no tracker) cancels the pending beat. */
  update(beat: BeatState | undefined, wall: Milliseconds): void {
    if (!beat) {
      this.#cancel();
      this.#last = undefined;
      return;
    }
    this.#last = { beat, wall };
    const pending = this.#pending;
    if (pending) {
      const k = pending.beat.beatCount - beat.beat_count;
      if (k >= 1) {
        const beatNow = predictBeat(beat, wall, k);
        this.#schedule(beatNow, beatNow.at - this.#o.latencyMs);
        return;
      }
      // The tracker reports the pending beat as passed: a nearly-on-time one still goes out, older ones are stale.
      this.#cancel();
      if (k === 0 && this.#o.now() - pending.sendAt <= this.#o.lateToleranceMs) {
        this.#fire(pending.beat, pending.sendAt);
        return;
      }
      this.#stale++;
    }
    this.#plan();
  }

  close(): void {
    this.#cancel();
    this.#last = undefined;
  }

  /** Schedules the first beat after the last sent whose send time has not passed by more than the tolerance. */
  #plan(): void {
    const last = this.#last;
    if (!last || last.beat.spb <= 0) return;
    const now = this.#o.now();
    const maxK = Math.ceil((this.#o.latencyMs + this.#o.lateToleranceMs) / (last.beat.spb * 1000)) + 2;
    for (let k = 1; k <= maxK; k++) {
      const beat = predictBeat(last.beat, last.wall, k);
      const sendAt = beat.at - this.#o.latencyMs;
      if (beat.beatCount <= this.#lastSent || now - sendAt > this.#o.lateToleranceMs) continue;
      this.#schedule(beat, sendAt);
      return;
    }
  }

  #schedule(beat: PredictedBeat, sendAt: Milliseconds): void {
    this.#cancel();
    const delay = Math.max(0, sendAt - this.#o.now());
    const entry: Pending = { beat, sendAt, handle: undefined };
    entry.handle = this.#o.timers.setTimeout(() => {
      if (this.#pending !== entry) return;
      this.#pending = undefined;
      this.#fire(beat, sendAt);
    }, delay);
    this.#pending = entry;
  }

  #fire(beat: PredictedBeat, sendAt: Milliseconds): void {
    this.#lastSent = beat.beatCount;
    this.#sent++;
    this.#o.onBeat(beat, sendAt);
    this.#plan();
  }

  #cancel(): void {
    if (this.#pending) this.#o.timers.clearTimeout(this.#pending.handle);
    this.#pending = undefined;
  }
}
