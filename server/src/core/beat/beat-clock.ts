import type { Seconds } from '../units.js';
import { BeatFilter } from './beat-filter.js';
import { BeatPeriodFit } from './beat-period-fit.js';

export interface BeatClockOptions {
  /** Proportional gain of the loop: share of the phase error corrected per hop at full trust. */
  phaseGain?: number;
  /** Integral gain: how fast a persistent phase error changes the tempo (phase increment per hop, per unit error). */
  frequencyGain?: number;
  /** How strongly the filters' own tempo pulls the clock's, per hop at full trust (it steers acquisition). */
  tempoPull?: number;
  /** Trust below this is treated as none (free-run); trust is rescaled from here to 1. */
  trustFloor?: number;
  /** Largest tempo change per hop, relative (0.002 = 0.2 %, about 10 % per second): DJ ramps pass, glitches do not. */
  maxSlew?: number;
  /** The filters' tempo must differ by more than this share, with trust, for `reacquireHops` to re-acquire at once. */
  reacquireRatio?: number;
  reacquireHops?: number;
  /** Trust (after the floor's rescaling) needed for the first lock and for re-acquiring. */
  acquireTrust?: number;
  /**
   * Until the first lock, the clock takes the filters' tempo and phase outright whenever their trust (as given,
   * before the floor's rescaling) is above this: its beats follow the best guess while nothing is sure yet,
   * instead of ticking at `initialSpb` from time zero.
   */
  followTrust?: number;
  /** Seconds per beat before anything is known (120 BPM). */
  initialSpb?: Seconds;
  /** The tempo range the clock may run in, as seconds per beat (default: the beat filter's default range). */
  minSpb?: Seconds;
  maxSpb?: Seconds;
}

/** Where the tracker's filters think the beat is now, and how much to trust them (0 = free-run). */
export interface ClockTarget {
  spb: Seconds;
  phase: number;
  trust: number;
  /**
   * Whether an independent tempo estimate (tempo induction) agrees with `spb`. The clock acquires a tempo only
   * when it does (false also while that estimate is still gathering; undefined: there is no such estimate,
   * acquire on trust alone): in the first seconds the filter can settle on an octave the periodicity of the
   * music does not support, and a wrong first lock costs seconds.
   */
  agrees?: boolean;
}

/**
 * The output clock: an oscillator that runs on its own tempo and is pulled towards the filters' belief
 * (a second-order phase-locked loop). Its phase never jumps and never moves back past a beat, so
 * beat_count only grows; with no trust (a breakdown) it free-runs at the held tempo. Beats are the
 * moments its phase wraps, timed by interpolation within the hop.
 */
export class BeatClock {
  spb: Seconds;
  phase = 0;
  beatCount = 0;
  readonly #o: Required<BeatClockOptions>;
  #tempoLocked = false;
  #acquired = false;
  #acquisitions = 0;
  #disagreeing = 0;
  /** Trust averaged over about half a second: per-hop trust is zero at the very hop a beat is emitted (its onset is still to come). */
  #smoothTrust = 0;
  readonly #fit = new BeatPeriodFit(32);

  static getDefaults(): Required<BeatClockOptions> {
    // A critically damped loop (ζ ≈ 0.7): frequencyGain ≈ (phaseGain / 1.4)².
    return {
      phaseGain: 0.12,
      frequencyGain: 0.0074,
      tempoPull: 0.01,
      trustFloor: 0.15,
      maxSlew: 0.002,
      reacquireRatio: 0.08,
      reacquireHops: 94,
      acquireTrust: 0.5,
      followTrust: 0.05,
      initialSpb: 0.5,
      minSpb: 60 / BeatFilter.getDefaults().maxBpm,
      maxSpb: 60 / BeatFilter.getDefaults().minBpm,
    };
  }

  constructor(options: BeatClockOptions = {}) {
    this.#o = { ...BeatClock.getDefaults(), ...options };
    this.spb = this.#o.initialSpb;
  }

  reset(): void {
    this.spb = this.#o.initialSpb;
    this.phase = 0;
    this.beatCount = 0;
    this.#tempoLocked = false;
    this.#acquired = false;
    this.#acquisitions = 0;
    this.#disagreeing = 0;
    this.#smoothTrust = 0;
    this.#fit.reset();
  }

  /**
   * Seconds per beat to report and to predict with: the least-squares period of the last confidently
   * tracked beats when there are enough, which is steadier than the loop's instantaneous period.
   */
  get reportedSpb(): Seconds {
    return this.#fit.period() ?? this.spb;
  }

  /** Whether the clock has locked onto a tempo (from its first acquisition on; a reset clears it). */
  get acquired(): boolean {
    return this.#acquired;
  }

  /** How many times the clock has taken the filters' tempo outright (the first lock and each re-acquisition). */
  get acquisitions(): number {
    return this.#acquisitions;
  }

  set tempoLocked(locked: boolean) {
    this.#tempoLocked = locked;
  }

  get tempoLocked(): boolean {
    return this.#tempoLocked;
  }

  /**
   * Advances by `dt` to stream time `t` and follows `target`; returns the times of the beats that
   * began during this hop (usually none or one).
   */
  advance(t: Seconds, dt: Seconds, reading: ClockTarget): Seconds[] {
    const o = this.#o;
    const target = this.#acquired ? this.#onOwnLevel(reading) : reading;
    const trust = Math.min(1, Math.max(0, (target.trust - o.trustFloor) / (1 - o.trustFloor)));
    this.#smoothTrust += (trust - this.#smoothTrust) / 24;
    const targetOk = Number.isFinite(target.spb) && target.spb > 0 && Number.isFinite(target.phase);
    // A new song (or the first lock): the filters confidently disagree on tempo for long enough.
    const far = targetOk && trust > o.acquireTrust && Math.abs(reading.spb / this.spb - 1) > o.reacquireRatio;
    this.#disagreeing = far ? this.#disagreeing + 1 : 0;
    const acquirable = !this.#tempoLocked && targetOk && trust > o.acquireTrust && target.agrees !== false;
    if (acquirable && (!this.#acquired || this.#disagreeing >= o.reacquireHops)) {
      // Take the filters' tempo and phase at once, on this side of the beat; beats at the old tempo leave the fit.
      this.#acquired = true;
      this.#acquisitions++;
      this.#disagreeing = 0;
      this.#fit.reset();
      this.spb = reading.spb;
      this.#stepTowards(reading.phase - dt / reading.spb);
    } else if (!this.#acquired && !this.#tempoLocked && targetOk && reading.trust > o.followTrust) {
      // Before the first lock: the reading's tempo outright and its phase the nearer way, except that a step back
      // is at most half a hop's advance. The filter's phase wavers while it is unsure, and a clock that stepped
      // back to it every hop would stand still and drop beats.
      this.spb = reading.spb;
      this.#stepTowards(reading.phase - dt / reading.spb, (0.5 * dt) / reading.spb);
    }
    // The loop runs on the phase increment per hop; tempo follows from it.
    let increment = dt / this.spb;
    let error = targetOk ? target.phase - (this.phase + increment) : 0;
    error -= Math.round(error);
    if (!this.#tempoLocked && trust === 0) {
      // Free-running (no rhythm to follow): hold the tempo of the last confidently tracked beats.
      const held = this.#fit.period();
      if (held !== undefined) {
        increment = dt / held;
        this.spb = held;
      }
    } else if (!this.#tempoLocked && targetOk) {
      const change = trust * (o.frequencyGain * error + o.tempoPull * (dt / target.spb - increment));
      increment += Math.max(-o.maxSlew * increment, Math.min(o.maxSlew * increment, change));
      // Never outside the range the filters can hold.
      increment = Math.min(dt / o.minSpb, Math.max(dt / o.maxSpb, increment));
      this.spb = dt / increment;
    }
    this.phase += increment + o.phaseGain * trust * error;
    const beats: Seconds[] = [];
    while (this.phase >= 1) {
      this.phase -= 1;
      this.beatCount++;
      // The phase wrapped during this hop; after a step (acquiring, following, a nudge) the interpolation can
      // point before the hop began, and an earlier beat than the last one must never be reported.
      const time = Math.max(t - dt, t - this.phase * this.spb);
      beats.push(time);
      if (this.#smoothTrust > 0.3) this.#fit.add(this.beatCount, time);
    }
    // Never back past the beat that was just counted.
    if (this.phase < 0) this.phase = 0;
    return beats;
  }

  /**
   * A reading at half or double the clock's tempo, restated at the clock's own metrical level. The filter's
   * belief can swing between two octaves of the same pulse from one hop to the next; followed literally, each
   * swing would drag the clock's tempo towards the other octave. A lasting change of level still re-acquires
   * (`far` looks at the reading as given).
   */
  #onOwnLevel(reading: ClockTarget): ClockTarget {
    const ratio = reading.spb / this.spb;
    const tolerance = this.#o.reacquireRatio;
    const fraction = (x: number): number => x - Math.floor(x);
    if (Math.abs(ratio / 2 - 1) < tolerance) return { ...reading, spb: reading.spb / 2, phase: fraction(2 * reading.phase) };
    if (Math.abs(ratio * 2 - 1) < tolerance) {
      // One reading beat spans half a clock beat: of the two clock phases it allows, take the nearer.
      const a = fraction(reading.phase) / 2;
      const distance = (x: number): number => Math.abs(x - this.phase - Math.round(x - this.phase));
      return { ...reading, spb: reading.spb * 2, phase: distance(a) <= distance(a + 0.5) ? a : a + 0.5 };
    }
    return reading;
  }

  /** The nearer way to `phase`: forward, or back (by at most `maxBack`) within the current beat, never past it. */
  #stepTowards(phase: number, maxBack = Infinity): void {
    const step = phase - this.phase - Math.round(phase - this.phase);
    this.phase = Math.max(0, this.phase + Math.max(-maxBack, step));
  }

  /** Moves the phase by `seconds` (nudge); a move past the next beat counts it. */
  nudge(seconds: Seconds): void {
    this.phase = Math.max(0, this.phase + seconds / this.spb);
  }

  /** Sets tempo and phase outright (tap tempo, x2 and ÷2); the tempo fit starts again. */
  set(spb: Seconds, phase: number): void {
    this.spb = spb;
    this.#fit.reset();
    this.phase = Math.max(0, Math.min(0.999999, phase));
  }
}
