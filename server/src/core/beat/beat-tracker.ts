import type { Contract } from '../contract/contract.js';
import type { FeatureLayout } from '../features/layout.js';
import type { BeatState } from '../state/slow-state.js';
import type { Seconds } from '../units.js';
import { DspActivation, type BeatActivationStage, type HopActivation } from './activation.js';
import { BarFilter, METERS, type Meter } from './bar-filter.js';
import { BarEvidence } from './bar-evidence.js';
import { BarLevel, type BarLevelOptions } from './bar-level.js';
import { BeatAlternation } from './beat-alternation.js';
import type { BarEvidenceOptions } from './bar-evidence.js';
import { BeatClock, type BeatClockOptions } from './beat-clock.js';
import { BeatContrast, type BeatContrastOptions } from './beat-contrast.js';
import { BeatFilter, type BeatFilterOptions } from './beat-filter.js';
import type { BeatKernels } from './beat-kernels.js';
import { TempoInduction, type TempoInductionOptions } from './tempo-induction.js';
import { shiftLogOdds } from './log-odds.js';
import type { BeatCommand } from './commands.js';
import { TapTempo } from './tap-tempo.js';

const CONFIDENCE_HOPS = 24;
/**
 * An onset is strong when it reaches STRONG_ONSET of the activation's recent peak (a peak that decays with a
 * 94-hop, 2 s, time constant), and at least STRONG_ONSET_FLOOR: in a reverberant room the whole activation runs
 * low, and a fixed threshold would call no onset strong at all.
 */
const STRONG_ONSET = 0.5;
const STRONG_ONSET_FLOOR = 0.08;
const ONSET_PEAK_DECAY = Math.exp(-1 / 94);
/** An onset within this share of a beat of the filter's beat counts as the beat. */
const ON_BEAT = 0.15;
/** The filter's and the induction's beat periods agree within this share (the clock acquires only then). */
const AGREEMENT = 0.08;

/** A beat, reported once, when the output clock crosses it. */
export interface BeatEvent {
  /** Stream time of the beat (it lies within the hop that reports it). */
  time: Seconds;
  beatCount: number;
  /** 1 = downbeat. */
  beatInBar: number;
  beatsPerBar: number;
  barCount: number;
}

export interface BeatTrackerOptions {
  /** How late the activation sees an onset, compensated in the clock's phase (seconds). */
  activationLatency?: Seconds;
  /**
   * Added to the activation's log-odds before the beat filter reads it. It moves the activation that says
   * nothing (the filter's neutral point, 1/λ) along the activation's scale; the filter's `observationLambda`
   * does the same job in the filter's own terms, and with it at 3 no bias is needed (0).
   */
  activationBias?: number;
  activation?: BeatActivationStage;
  /** Settings of the beat filter (tempo range, metrical template); defaults in BeatFilter.getDefaults(). */
  filter?: Omit<BeatFilterOptions, 'fps'>;
  /** How strongly tempo induction guides the filter (the exponent on its likelihood; 0 turns it off). */
  inductionPower?: number;
  /** Settings of the output clock; defaults in BeatClock.getDefaults(). */
  clock?: BeatClockOptions;
  /** Settings of tempo induction (window, comb, prior); defaults in TempoInduction.getDefaults(). */
  induction?: Omit<TempoInductionOptions, 'fps' | 'periods'>;
  /** Settings of the bar filter's per-beat evidence; defaults in BarEvidence.getDefaults(). */
  barEvidence?: BarEvidenceOptions;
  /** Settings of the on-beat contrast that gates trust once the clock has locked; defaults in BeatContrast.getDefaults(). */
  contrast?: BeatContrastOptions;
  /**
   * Settings of the check that doubles a beat too slow for its bar (downbeats every 2.5 or 3.5 beats) and halves one
   * too fast for it (every 8, 10 or 14, with every other beat marked less); defaults in BarLevel.getDefaults(); false
   * turns it off. It reads the learned downbeat probability, so the DSP activation alone never triggers it.
   */
  barLevel?: BarLevelOptions | false;
}

export interface BeatHop {
  state: BeatState;
  events: BeatEvent[];
}

/**
 * The online beat, downbeat, tempo and meter tracker. Per hop: activation -> beat filter (tempo and beat
 * phase) -> output clock (smooth, predictive, free-running when the rhythm stops) -> at each beat, the
 * bar filter (meter and downbeat) from the harmony and bass of the beat that just ended. Causal: it sees
 * nothing after the current hop. Deterministic: no randomness, same input, same output. The filter's and
 * induction's per-hop loops run in the injected beat kernels (WebAssembly in the daemon: `loadBeatKernels`).
 */
export class BeatTracker {
  readonly #fps: number;
  readonly #dt: Seconds;
  readonly #latency: Seconds;
  readonly #bias: number;
  readonly #activation: BeatActivationStage;
  readonly #filter: BeatFilter;
  readonly #induction: TempoInduction;
  readonly #inductionPower: number;
  readonly #clock: BeatClock;
  readonly #bar = new BarFilter();
  readonly #evidence: BarEvidence;
  readonly #contrast: BeatContrast;
  readonly #barLevel: BarLevel | undefined;
  readonly #alternation = new BeatAlternation();
  /** The clock's acquisition count the alternation's parities belong to. */
  #alternationAt = -1;
  /** The clock's shortest and longest beat (the filter's range): the bar level changes the level only within it. */
  readonly #minSpb: Seconds;
  readonly #maxSpb: Seconds;
  /**
   * The bar level's last change, with the clock's acquisition count then, until it acquires again or the tempo is
   * set by hand: meanwhile the filters' reading at the level it left is not a tempo to re-acquire.
   */
  #levelChange: { at: number; change: 'double' | 'halve' } | undefined;
  /** The clock's acquisition count when the tempo was last set by hand: until it acquires again, the VJ's level stands. */
  #setByHandAt: number | undefined;
  readonly #taps = new TapTempo();
  readonly #commands: BeatCommand[] = [];
  #t: Seconds = 0;
  #trust = 0;
  /** Stream time of the last strong onset on the filter's beat. */
  #lastOnset: Seconds = -Infinity;
  /** Recent peak of the beat activation (decays over about 2 s). */
  #onsetPeak = 0;
  /** Trust averaged over about half a second: per-hop trust dips between onsets, confidence should not. */
  #conf = 0;
  #beatInBar = 1;
  #beatsPerBar = 4;
  #barCount = 0;
  #downbeatProb = 0;

  static getDefaults(): Required<Omit<BeatTrackerOptions, 'activation' | 'filter' | 'clock' | 'induction' | 'barEvidence' | 'contrast' | 'barLevel'>> {
    // Measured on the tuning signals (demo groove at 90, 124 and 174 BPM; synthetic kicks): onsets reach the
    // activation 15-35 ms late depending on the attack; 20 ms splits the difference.
    // inductionPower: chosen on dev-v1, learned activation, bias 0.3: beat F 0.852 at 2, 0.864 at 2.5, 0.863 at 3,
    // 0.843 at 4. activationBias: 0.3 from 2026-11-21 (dev-v1: 0.837 at 0, 0.852 at 0.3, 0.854 at 0.5) while the
    // filter's evidence was neutral at 0.5; 0 since the filter reads the activation with λ = 3 (dev-v2, session 20:
    // beat F / CMLt / downbeat F / lock-on 0.888 / 0.792 / 0.725 / 1.66 s, against 0.885 / 0.789 / 0.718 / 2.03 s).
    return { activationLatency: 0.02, activationBias: 0, inductionPower: 2.5 };
  }

  constructor(contract: Contract, layout: FeatureLayout, kernels: BeatKernels, options: BeatTrackerOptions = {}) {
    this.#fps = contract.audio.sample_rate / contract.audio.hop;
    this.#dt = 1 / this.#fps;
    this.#latency = options.activationLatency ?? BeatTracker.getDefaults().activationLatency;
    this.#bias = options.activationBias ?? BeatTracker.getDefaults().activationBias;
    if (!Number.isFinite(this.#bias)) throw new Error(`beat tracker: activationBias ${this.#bias} is invalid; expected a finite number`);
    this.#activation = options.activation ?? new DspActivation(contract, layout);
    this.#filter = new BeatFilter(kernels, { ...options.filter, fps: this.#fps });
    // The clock runs in the range the filter can hold.
    const range = { ...BeatFilter.getDefaults(), ...options.filter };
    this.#clock = new BeatClock({ minSpb: 60 / range.maxBpm, maxSpb: 60 / range.minBpm, ...options.clock });
    this.#induction = new TempoInduction(kernels, { ...options.induction, fps: this.#fps, periods: this.#filter.periods });
    this.#inductionPower = options.inductionPower ?? BeatTracker.getDefaults().inductionPower;
    this.#evidence = new BarEvidence(options.barEvidence);
    this.#contrast = new BeatContrast(options.contrast);
    this.#barLevel = options.barLevel === false ? undefined : new BarLevel(this.#fps, options.barLevel);
    this.#minSpb = 60 / range.maxBpm;
    this.#maxSpb = 60 / range.minBpm;
  }

  reset(): void {
    this.#activation.reset();
    this.#filter.reset();
    this.#induction.reset();
    this.#clock.reset();
    this.#bar.reset();
    this.#evidence.reset();
    this.#contrast.reset();
    this.#barLevel?.reset();
    this.#alternation.restart();
    this.#alternationAt = -1;
    this.#levelChange = undefined;
    this.#setByHandAt = undefined;
    this.#taps.reset();
    this.#commands.length = 0;
    this.#t = 0;
    this.#trust = 0;
    this.#lastOnset = -Infinity;
    this.#onsetPeak = 0;
    this.#conf = 0;
    this.#beatInBar = 1;
    this.#beatsPerBar = 4;
    this.#barCount = 0;
    this.#downbeatProb = 0;
  }

  /** Queues a manual command; it takes effect at the start of the next hop. */
  command(command: BeatCommand): void {
    this.#commands.push(command);
  }

  /** One hop: `row` is the hop's feature row, `t` the stream time at its end. */
  process(row: Float32Array, t: Seconds): BeatHop {
    this.#t = t;
    for (const command of this.#commands.splice(0)) this.#apply(command);
    const hop = this.#activation.process(row);
    this.#followBarLevel(hop);
    // With no rhythm present the activation says nothing: it is moved towards the filter's neutral value.
    const neutral = this.#filter.neutralActivation;
    const evidence = neutral + hop.presence * (shiftLogOdds(hop.beat, this.#bias) - neutral);
    const inducing = this.#inductionPower > 0 && !this.#clock.tempoLocked;
    const guide = inducing ? this.#induction.process(hop.beat) : undefined;
    this.#filter.guideTempo(guide, this.#inductionPower);
    const belief = this.#filter.process(evidence, hop.beatLevel === true);
    const filterSpb = belief.period / this.#fps;
    const onBeat = belief.phase < ON_BEAT || belief.phase > 1 - ON_BEAT;
    this.#onsetPeak = Math.max(hop.beat, ONSET_PEAK_DECAY * this.#onsetPeak);
    if (hop.beat > Math.max(STRONG_ONSET_FLOOR, STRONG_ONSET * this.#onsetPeak) && onBeat) this.#lastOnset = t;
    // A beat that should have come and did not is no evidence of where the beat is: with no strong onset on
    // the beat for most of a beat, the clock free-runs instead of sliding after the filter.
    const recent = t - this.#lastOnset < 0.75 * this.#clock.spb ? 1 : 0;
    // Once the clock has locked, a pulse the filter finds in onsets that no longer stand out on its beat as the
    // song's did (a breakdown's pads and crowd in a room, where presence stays up) must not drag it. Before the
    // first lock the contrast is not asked: busy fast patterns (drum and bass hats) measure low at the right
    // tempo, and gating them would push the first lock to a slower octave.
    const gate = this.#clock.acquired ? this.#contrast.lockedGate() : 1;
    this.#contrast.add(hop.beat, belief.phase);
    this.#trust = recent * hop.presence * gate * belief.concentration;
    this.#conf += (this.#trust - this.#conf) / CONFIDENCE_HOPS;
    // The filter's phase describes the audio as the activation saw it, `latency` ago: project it to now.
    const induced = guide === undefined ? undefined : this.#induction.bestPeriod;
    // While induction is still gathering its first seconds, the clock must not lock: false, not "no estimate".
    // After the bar level changed the beat, the filters' reading at the level it left is not a new tempo.
    const left =
      this.#levelChange?.change === 'double' ? filterSpb > 1.5 * this.#clock.spb : this.#levelChange?.change === 'halve' ? filterSpb < this.#clock.spb / 1.5 : false;
    const agrees = left ? false : inducing ? induced !== undefined && Math.abs(belief.period / induced - 1) < AGREEMENT : undefined;
    const target = { spb: filterSpb, phase: belief.phase + (hop.latency ?? this.#latency) / filterSpb, trust: this.#trust, agrees };
    const beats = this.#clock.advance(t, this.#dt, target);
    if (this.#barLevel !== undefined) this.#alternation.add(hop.beat, this.#clock.phase, this.#clock.beatCount, this.#clock.spb * this.#fps);
    this.#evidence.addHop(hop);
    const events: BeatEvent[] = [];
    for (const time of beats) {
      // Bar evidence counts only from beats the tracker is sure of; before that the bar filter just advances.
      const evidence = this.#evidence.endBeat();
      const bar = this.#bar.step(this.#conf > 0.4 ? evidence : undefined);
      this.#beatsPerBar = bar.meter;
      this.#beatInBar = bar.beatInBar;
      this.#downbeatProb = bar.downbeatProb;
      if (bar.beatInBar === 1) this.#barCount++;
      events.push({ time, beatCount: this.#clock.beatCount, beatInBar: bar.beatInBar, beatsPerBar: bar.meter, barCount: this.#barCount });
    }
    return { state: this.state(), events };
  }

  state(): BeatState {
    const spb = this.#clock.reportedSpb;
    const phase = this.#clock.phase;
    return {
      bpm: 60 / spb,
      spb,
      phase,
      beat_in_bar: this.#beatInBar,
      beats_per_bar: this.#beatsPerBar,
      bar_phase: (this.#beatInBar - 1 + phase) / this.#beatsPerBar,
      beat_count: this.#clock.beatCount,
      bar_count: this.#barCount,
      conf: this.#conf,
      downbeat_prob: this.#downbeatProb,
    };
  }

  /** Beat phase at `a` seconds after the current hop, extrapolated at the clock's tempo. */
  phaseAt(a: Seconds): number {
    const phase = this.#clock.phase + a / this.#clock.reportedSpb;
    return phase - Math.floor(phase);
  }

  /** Bar phase at `a` seconds after the current hop. */
  barPhaseAt(a: Seconds): number {
    const beats = this.#beatInBar - 1 + this.#clock.phase + a / this.#clock.reportedSpb;
    const bar = beats / this.#beatsPerBar;
    return bar - Math.floor(bar);
  }

  /** The next `count` beats after the current hop: stream times and positions in the bar. */
  nextBeats(count: number): { time: Seconds; beatInBar: number }[] {
    const out: { time: Seconds; beatInBar: number }[] = [];
    for (let i = 1; i <= count; i++) {
      out.push({
        time: this.#t + (i - this.#clock.phase) * this.#clock.reportedSpb,
        beatInBar: ((this.#beatInBar - 1 + i) % this.#beatsPerBar) + 1,
      });
    }
    return out;
  }

  /**
   * Changes the clock's level when the learned downbeats say its beat does not fit the bar (`BarLevel`), as x2 or ÷2
   * would, once the clock has locked, while its tempo is not locked and the new tempo is in range; the bar filter
   * then starts from the bar the downbeats show.
   */
  #followBarLevel(hop: HopActivation): void {
    if (this.#barLevel === undefined || hop.downbeat === undefined) return;
    this.#barLevel.add(hop.downbeat);
    const acquisitions = this.#clock.acquisitions;
    if (this.#levelChange !== undefined && this.#levelChange.at !== acquisitions) this.#levelChange = undefined;
    if (this.#alternationAt !== acquisitions) {
      this.#alternation.restart();
      this.#alternationAt = acquisitions;
    }
    if (!this.#clock.acquired || this.#clock.tempoLocked || this.#setByHandAt === acquisitions) return;
    const spb = this.#clock.spb;
    const verdict = this.#barLevel.check(spb * this.#fps, this.#alternation.ratio(), spb / 2 >= this.#minSpb, spb * 2 <= this.#maxSpb);
    if (verdict === undefined) return;
    if (verdict.change === 'double') {
      this.#scaleBeat(spb, 0.5);
    } else {
      // The clock beats the activation marks more strongly are the music's: the current one, or the one before.
      const phase = this.#clock.beatCount % 2 === this.#alternation.strongParity() ? this.#clock.phase / 2 : (1 + this.#clock.phase) / 2;
      this.#scaleBeat(spb, 2, phase);
    }
    this.#barLevel.restart();
    this.#alternation.restart();
    this.#levelChange = { at: acquisitions, change: verdict.change };
    // The bar is `bar` of the new beats, and it starts where the learned downbeats fold highest at that length.
    const { bar } = verdict;
    const beat = this.#clock.spb;
    const downbeat = this.#t - this.#barLevel.sinceDownbeat((bar * beat) / this.#dt) * this.#dt - (hop.latency ?? this.#latency);
    // The clock's phase is still the previous hop's (it advances after this).
    const beatStart = this.#t - this.#dt - this.#clock.phase * beat;
    const position = ((Math.round((beatStart - downbeat) / beat) % bar) + bar) % bar;
    this.#bar.setBar(bar, position);
    this.#beatsPerBar = bar;
    this.#beatInBar = position + 1;
  }

  /** Sets the clock and the filter to `factor` times the beat period, phase carried over unless given (x2 and ÷2). */
  #scaleBeat(spb: Seconds, factor: 0.5 | 2, phase = factor === 0.5 ? (this.#clock.phase * 2) % 1 : this.#clock.phase / 2): void {
    this.#clock.set(spb * factor, phase);
    this.#filter.setBeat(spb * factor * this.#fps, phase);
  }

  #apply(command: BeatCommand): void {
    const spb = this.#clock.spb;
    // A tempo set by hand is the VJ's: the bar level neither holds the clock at its last change nor changes it again
    // until the clock acquires a new tempo.
    if (command.type === 'tap' || command.type === 'lock' || command.type === 'double' || command.type === 'half') {
      this.#levelChange = undefined;
      this.#alternation.restart();
      this.#setByHandAt = this.#clock.acquisitions;
      this.#barLevel?.restart();
    }
    switch (command.type) {
      case 'tap': {
        // A tap stamped with its own stream time is timed to the millisecond, not rounded to the hop; a stamp more
        // than a second away from this hop is not believed.
        const at = command.t === undefined || Math.abs(command.t - this.#t) > 1 ? this.#t : command.t;
        const tempo = this.#taps.tap(at);
        if (tempo !== undefined) {
          // The tap was on the beat. Commands apply at the start of the hop ending at #t, and the clock then advances
          // through the hop, so its phase now is the time from the tap to the hop's start.
          const moved = (this.#t - this.#dt - at) / tempo;
          const phase = moved - Math.floor(moved);
          this.#clock.set(tempo, phase);
          this.#filter.setBeat(tempo * this.#fps, phase);
        }
        break;
      }
      case 'nudge':
        this.#clock.nudge(command.ms / 1000);
        this.#filter.shift((command.ms / 1000) * this.#fps);
        break;
      case 'downbeat':
        // The beat nearest now is the one: the current one, or the next if it is closer.
        this.#bar.setCurrentPosition(this.#clock.phase < 0.5 ? 0 : -1);
        this.#beatInBar = this.#clock.phase < 0.5 ? 1 : this.#beatsPerBar;
        break;
      case 'lock':
        this.#clock.tempoLocked = command.on;
        this.#filter.lockPeriod(command.on ? spb * this.#fps : undefined);
        break;
      case 'double':
      case 'half': {
        const factor = command.type === 'double' ? 0.5 : 2;
        this.#scaleBeat(spb, factor);
        if (this.#clock.tempoLocked) this.#filter.lockPeriod(spb * factor * this.#fps);
        break;
      }
      case 'meter':
        this.#bar.overrideMeter(command.beatsPerBar === undefined ? undefined : toMeter(command.beatsPerBar));
        if (command.beatsPerBar !== undefined) this.#beatsPerBar = command.beatsPerBar;
        break;
    }
  }
}

function toMeter(beats: number): Meter {
  const meter = METERS.find((m) => m === beats);
  if (meter === undefined) throw new Error(`meter ${beats} is not supported; expected one of ${METERS.join(', ')} beats per bar`);
  return meter;
}
