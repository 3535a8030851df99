import type { Milliseconds, Seconds } from '../../core/units.js';
import { songPositionBytes, songPositionFor } from './song-position.js';

/** The few numbers of a SlowState's `beat` block the clock needs, with the state's `wall`. */
export interface BeatSample {
  wall: Milliseconds;
  spb: Seconds;
  phase: number;
  beatCount: number;
  beatInBar: number;
  beatsPerBar: number;
}

/** One MIDI message and the time it is due (ms, same clock as `wall`). */
export interface MidiEvent {
  at: Milliseconds;
  bytes: number[];
}

export type Transport = 'stopped' | 'armed' | 'running';

export interface TickSchedulerOptions {
  latencyMs: Milliseconds;
  now: () => Milliseconds;
}

export const CLOCK = 0xf8;
export const START = 0xfa;
export const CONTINUE = 0xfb;
export const STOP = 0xfc;
const TICKS_PER_BEAT = 24;
// Share of the phase error corrected per tick, and the most one tick may stretch or shrink: a PLL-like slew.
const GAIN = 0.2;
const MAX_CORRECTION = 0.25;
// The nominal interval follows a tempo change by at most this fraction per tick, so tempo glides.
const MAX_TEMPO_STEP = 0.02;

interface Plan {
  tick: number;
  at: Milliseconds;
  nominal: Milliseconds;
  beatShift: number;
}

/**
 * MIDI clock from the beat tracker's states: 24 ticks per beat on the tracker's own beat grid, each sent
 * `latencyMs` early. The tick grid runs whether or not the transport plays, so a lighting desk always
 * has the tempo; Start, Stop, Continue and Song Position Pointer ride on ticks that fall on beats.
 * Time is injected, and the scheduler never sleeps: its caller sends what `take` returns at `nextAt`.
 */
export class TickScheduler {
  readonly #latencyMs: Milliseconds;
  readonly #now: () => Milliseconds;
  #beat: BeatSample | undefined;
  #transport: Transport = 'stopped';
  /** Index of the last tick sent on the tracker's grid (tick j sits at tracker beat position j/24). */
  #lastTick: number | undefined;
  #lastSentAt: Milliseconds = 0;
  #nominal: Milliseconds = 0;
  /** Song beat (in the receiver's count since Start) = tracker beat + offset; undefined before a Start. */
  #songOffset: number | undefined;
  #resumeAtBeat: 'continue' | 'relocate' | undefined;
  #immediate: number[][] = [];
  #firstTick: number | undefined;

  constructor(options: TickSchedulerOptions) {
    if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0 || options.latencyMs > 500) {
      throw new Error(`MIDI latency_ms must be 0 to 500, got ${options.latencyMs}`);
    }
    this.#latencyMs = options.latencyMs;
    this.#now = options.now;
  }

  get transport(): Transport {
    return this.#transport;
  }

  /** A new beat estimate: later ticks follow it, gliding towards its phase and tempo. */
  update(sample: BeatSample): void {
    checkBeatSample(sample);
    this.#beat = sample;
    if (this.#songOffset === undefined) return;
    // A bar moved under us (manual downbeat, meter change): relabel beats, keeping the nearest song beat.
    const beat = Math.floor(sample.beatCount);
    const want = sample.beatInBar - 1;
    const have = mod(beat + this.#songOffset, sample.beatsPerBar);
    if (have === want) return;
    let delta = mod(want - have, sample.beatsPerBar);
    if (delta > sample.beatsPerBar / 2) delta -= sample.beatsPerBar;
    this.#songOffset += delta;
    if (beat + this.#songOffset < 0) this.#songOffset += sample.beatsPerBar * Math.ceil(-(beat + this.#songOffset) / sample.beatsPerBar);
    if (this.#transport === 'running') this.#resumeAtBeat = 'relocate';
  }

  /** Arms the transport: Start goes out with the tick of the next downbeat. */
  start(): void {
    this.#transport = 'armed';
    this.#resumeAtBeat = undefined;
  }

  /** Stop goes out at once; ticks keep running so receivers keep the tempo. */
  stop(): void {
    if (this.#transport === 'stopped') return;
    if (this.#transport === 'running') this.#immediate.push([STOP]);
    this.#transport = 'stopped';
    this.#resumeAtBeat = undefined;
  }

  /** Resumes on the next beat: Song Position Pointer to that beat, then Continue. Before any Start, starts. */
  continue(): void {
    if (this.#transport !== 'stopped') return;
    if (this.#songOffset === undefined) {
      this.start();
      return;
    }
    this.#transport = 'running';
    this.#resumeAtBeat = 'continue';
  }

  /** When the next message is due, or undefined while there is no beat to follow. */
  nextAt(): Milliseconds | undefined {
    if (this.#immediate.length > 0) return this.#now();
    return this.#plan()?.at;
  }

  /** The messages due at `nextAt()`, committing the tick as sent at `sentAt` (the real send time). */
  take(sentAt: Milliseconds): MidiEvent[] {
    const events = this.#immediate.map((bytes) => ({ at: sentAt, bytes }));
    this.#immediate = [];
    if (events.length > 0) return events;
    const plan = this.#plan();
    const beat = this.#beat;
    if (!plan || !beat) return [];
    // Relabelled ticks keep the receiver's count: its song beat stays continuous.
    if (this.#songOffset !== undefined) this.#songOffset += plan.beatShift;
    this.#lastTick = plan.tick;
    // A tick sent late does not drag the grid: the next is planned from this one's planned time, unless it
    // was so late that the next would come closer than half an interval (the slew then catches up).
    this.#lastSentAt = Math.max(plan.at, sentAt - plan.nominal / 4);
    this.#nominal = plan.nominal;
    if (plan.tick % TICKS_PER_BEAT === 0) events.push(...this.#onBeat(plan.tick / TICKS_PER_BEAT, beat, plan.at));
    events.push({ at: plan.at, bytes: [CLOCK] });
    return events;
  }

  /** Transport messages that go out just before the clock tick of tracker beat `trackerBeat`. */
  #onBeat(trackerBeat: number, beat: BeatSample, at: Milliseconds): MidiEvent[] {
    if (this.#transport === 'armed') {
      const beatInBar = mod(trackerBeat - Math.floor(beat.beatCount) + beat.beatInBar - 1, beat.beatsPerBar) + 1;
      if (beatInBar !== 1) return [];
      this.#songOffset = -trackerBeat;
      this.#transport = 'running';
      return [{ at, bytes: songPositionBytes(0) }, { at, bytes: [START] }];
    }
    if (this.#resumeAtBeat === undefined || this.#songOffset === undefined) return [];
    const position = songPositionFor(trackerBeat + this.#songOffset, beat.beatsPerBar);
    const relocate = this.#resumeAtBeat === 'relocate';
    this.#resumeAtBeat = undefined;
    const spp = { at, bytes: songPositionBytes(position) };
    return relocate ? [{ at, bytes: [STOP] }, spp, { at, bytes: [CONTINUE] }] : [spp, { at, bytes: [CONTINUE] }];
  }

  /** The next tick: its grid index and time, gliding from the last sent tick towards the beat model. */
  #plan(): Plan | undefined {
    const beat = this.#beat;
    if (!beat) return undefined;
    const beatMs = beat.spb * 1000;
    const position = beat.beatCount + beat.phase;
    const ideal = (tick: number): Milliseconds => beat.wall + (tick / TICKS_PER_BEAT - position) * beatMs - this.#latencyMs;
    const target = beatMs / TICKS_PER_BEAT;
    if (this.#lastTick === undefined) {
      // First tick: the next grid point that is still ahead, exactly on the model.
      // Chosen once, so the tick planned before the loop sleeps is the one it sends on waking.
      this.#firstTick ??= Math.ceil(((this.#now() + this.#latencyMs - beat.wall) / beatMs + position) * TICKS_PER_BEAT - 1e-9);
      const tick = this.#firstTick;
      return { tick, at: ideal(tick), nominal: target, beatShift: 0 };
    }
    const nominal = Math.min(Math.max(target, this.#nominal * (1 - MAX_TEMPO_STEP)), this.#nominal * (1 + MAX_TEMPO_STEP));
    let tick = this.#lastTick + 1;
    const planned = this.#lastSentAt + nominal;
    let error = ideal(tick) - planned;
    // More than half a beat off (a beat jump): relabel ticks by whole beats instead of slewing for bars.
    const beatShift = Math.abs(error) > beatMs / 2 ? Math.round(error / beatMs) : 0;
    tick -= beatShift * TICKS_PER_BEAT;
    error -= beatShift * beatMs;
    const correction = Math.min(Math.max(GAIN * error, -MAX_CORRECTION * nominal), MAX_CORRECTION * nominal);
    return { tick, at: planned + correction, nominal, beatShift };
  }
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Throws, naming the field, on a beat sample the clock cannot follow. */
export function checkBeatSample(sample: BeatSample): void {
  if (!Number.isFinite(sample.wall)) throw new Error(`beat wall must be a finite time in ms, got ${sample.wall}`);
  if (!(sample.spb > 0.1 && sample.spb < 3)) throw new Error(`beat spb must be between 0.1 and 3 s, got ${sample.spb}`);
  if (!(sample.phase >= 0 && sample.phase < 1)) throw new Error(`beat phase must be in [0, 1), got ${sample.phase}`);
  if (!Number.isInteger(sample.beatsPerBar) || sample.beatsPerBar < 1 || sample.beatsPerBar > 16) {
    throw new Error(`beats_per_bar must be an integer 1 to 16, got ${sample.beatsPerBar}`);
  }
  if (!Number.isInteger(sample.beatInBar) || sample.beatInBar < 1 || sample.beatInBar > sample.beatsPerBar) {
    throw new Error(`beat_in_bar must be an integer 1 to ${sample.beatsPerBar}, got ${sample.beatInBar}`);
  }
  if (!Number.isInteger(sample.beatCount) || sample.beatCount < 0) throw new Error(`beat_count must be a whole number >= 0, got ${sample.beatCount}`);
}
