import type { BeatState } from '../state/slow-state.js';

/**
 * Where the current section probably began. Sections last 4, 8 or 16 bars, so a boundary is likely a whole
 * number of phrases after the last one; the tracker's bar count alone cannot say where phrases start (its
 * downbeat may sit on any beat of the song's bar). Per tracker beat, the mean profile of the last STEP_BEATS
 * beats is compared with that of the STEP_BEATS before (each dimension in units of its own running spread):
 * a section change is a step, so this novelty peaks STEP_BEATS beats after it. A peak well above the recent
 * novelties marks the change, dated back to the beat where the step began. A peak whose change falls a whole
 * number of GRID_BARS-bar phrases (within a beat) after the last change needs less: ON_PHRASE_FACTOR of the threshold.
 *
 * The settings were chosen on the structure set's validation songs (every sixth training song) by how well
 * P(change within 4 beats | meter, label, bars since the detected change), counted on the other training songs,
 * ranks their hops (`position-ceiling-cli.js --detected`): 8-beat windows and the phrase-grid rule lift that AUC
 * from 0.802 to 0.824; the true section starts would give 0.957.
 */

export const CHANGE_PHRASES = [4, 8, 16] as const;
export const NOVELTY_BEATS = 4;
/** Columns: sin/cos of the bars since the last change over 4/8/16-bar phrases, bars since / 16 (capped at 2), the last NOVELTY_BEATS beat novelties / 4, newest first. */
export const CHANGE_SIZE = 2 * CHANGE_PHRASES.length + 1 + NOVELTY_BEATS;

export const STEP_BEATS = 8;
const THRESHOLD_SD = 1.5;
const MIN_NOVELTY = 0.5;
const MIN_BEATS_BETWEEN = 8;
export const GRID_BARS = 4;
export const ON_PHRASE_FACTOR = 0.6;
/** How far (beats) a change may sit from the last change's phrase grid and still count as on it. */
const ON_PHRASE_TOLERANCE = 1;
const STAT_DECAY = 1 - 1 / 64;

export class SectionChange {
  readonly #dims: number;
  #beatSum: Float64Array;
  #beatHops = 0;
  #beatCount: number | null = null;
  /** Mean profile of each recent beat, oldest first, with the beat's start position. */
  #beats: { mean: Float64Array; start: number }[] = [];
  #scaleMean: Float64Array;
  #scaleSq: Float64Array;
  #scaleWeight = 0;
  #novelty: number[] = [];
  #noveltyMean = 0;
  #noveltySq = 0;
  #noveltyWeight = 0;
  #changeBeats: number | null = null;
  #beatsPerBar = 4;
  #lastChangeBeat = -Infinity;
  #beatIndex = 0;
  /** Beat position where the beat being summed began. */
  #pendingStart = 0;

  constructor(dims: number) {
    this.#dims = dims;
    this.#beatSum = new Float64Array(dims);
    this.#scaleMean = new Float64Array(dims);
    this.#scaleSq = new Float64Array(dims);
  }

  reset(): void {
    this.#beatSum = new Float64Array(this.#dims);
    this.#beatHops = 0;
    this.#beatCount = null;
    this.#beats = [];
    this.#scaleMean = new Float64Array(this.#dims);
    this.#scaleSq = new Float64Array(this.#dims);
    this.#scaleWeight = 0;
    this.#novelty = [];
    this.#noveltyMean = 0;
    this.#noveltySq = 0;
    this.#noveltyWeight = 0;
    this.#changeBeats = null;
    this.#lastChangeBeat = -Infinity;
    this.#beatIndex = 0;
    this.#pendingStart = 0;
  }

  /** One hop's profile and the tracker state after it. */
  push(profile: Float32Array, beat: BeatState | undefined): void {
    if (beat === undefined) return;
    if (this.#beatCount !== null && beat.beat_count !== this.#beatCount && this.#beatHops > 0) this.#closeBeat(beat.beat_count + beat.phase);
    if (beat.beat_count !== this.#beatCount) this.#pendingStart = beat.beat_count + beat.phase;
    this.#beatCount = beat.beat_count;
    this.#beatsPerBar = Math.max(1, beat.beats_per_bar);
    for (let i = 0; i < this.#dims; i++) this.#beatSum[i] = (this.#beatSum[i] ?? 0) + (profile[i] ?? 0);
    this.#beatHops++;
  }


  #closeBeat(nextStart: number): void {
    const mean = this.#beatSum.map((v) => v / this.#beatHops);
    this.#beats.push({ mean, start: this.#pendingStart });
    if (this.#beats.length > 2 * STEP_BEATS + 1) this.#beats.shift();
    this.#beatSum = new Float64Array(this.#dims);
    this.#beatHops = 0;
    this.#pendingStart = nextStart;
    this.#beatIndex++;
    for (let i = 0; i < this.#dims; i++) {
      this.#scaleMean[i] = STAT_DECAY * (this.#scaleMean[i] ?? 0) + (mean[i] ?? 0);
      this.#scaleSq[i] = STAT_DECAY * (this.#scaleSq[i] ?? 0) + (mean[i] ?? 0) ** 2;
    }
    this.#scaleWeight = STAT_DECAY * this.#scaleWeight + 1;
    if (this.#beats.length < 2 * STEP_BEATS) return;
    const n = this.#beats.length;
    let sq = 0;
    for (let i = 0; i < this.#dims; i++) {
      let after = 0;
      let before = 0;
      for (let b = 0; b < STEP_BEATS; b++) {
        after += this.#beats[n - 1 - b]?.mean[i] ?? 0;
        before += this.#beats[n - 1 - STEP_BEATS - b]?.mean[i] ?? 0;
      }
      const m = (this.#scaleMean[i] ?? 0) / this.#scaleWeight;
      const sd = Math.sqrt(Math.max((this.#scaleSq[i] ?? 0) / this.#scaleWeight - m * m, 0.02 ** 2));
      sq += ((after - before) / STEP_BEATS / sd) ** 2;
    }
    const novelty = Math.sqrt(sq / this.#dims);
    this.#novelty.push(novelty);
    if (this.#novelty.length > NOVELTY_BEATS + 1) this.#novelty.shift();
    // The previous beat's novelty is a peak when it exceeds both neighbours and the recent level.
    const [before, peak, after] = [this.#novelty.at(-3), this.#novelty.at(-2), this.#novelty.at(-1)];
    const w = Math.max(this.#noveltyWeight, 1e-9);
    const threshold = Math.max(MIN_NOVELTY, this.#noveltyMean / w + THRESHOLD_SD * Math.sqrt(Math.max(this.#noveltySq / w - (this.#noveltyMean / w) ** 2, 0)));
    // The peak's "after" window began STEP_BEATS beats before the peak beat: that is where the section changed.
    const start = this.#beats[n - 1 - STEP_BEATS]?.start;
    const isPeak = before !== undefined && peak !== undefined && after !== undefined && peak >= before && peak > after;
    if (isPeak && start !== undefined && peak > (this.#onPhrase(start) ? ON_PHRASE_FACTOR : 1) * threshold && this.#beatIndex - this.#lastChangeBeat >= MIN_BEATS_BETWEEN) {
      this.#changeBeats = start;
      this.#lastChangeBeat = this.#beatIndex;
    }
    this.#learnNovelty(novelty);
  }

  /** Whether a change at beat position `start` lies a whole number (≥ 1) of phrases after the last change. */
  #onPhrase(start: number): boolean {
    if (this.#changeBeats === null) return false;
    const phrase = GRID_BARS * this.#beatsPerBar;
    const phrases = Math.round((start - this.#changeBeats) / phrase);
    return phrases >= 1 && Math.abs(start - this.#changeBeats - phrases * phrase) <= ON_PHRASE_TOLERANCE;
  }

  #learnNovelty(novelty: number): void {
    this.#noveltyMean = STAT_DECAY * this.#noveltyMean + novelty;
    this.#noveltySq = STAT_DECAY * this.#noveltySq + novelty * novelty;
    this.#noveltyWeight = STAT_DECAY * this.#noveltyWeight + 1;
  }

  /** Writes CHANGE_SIZE columns at `offset`. */
  write(beat: BeatState | undefined, out: Float32Array, offset: number): void {
    const since = beat === undefined || this.#changeBeats === null ? null : (beat.beat_count + beat.phase - this.#changeBeats) / Math.max(1, beat.beats_per_bar);
    CHANGE_PHRASES.forEach((bars, k) => {
      out[offset + 2 * k] = since === null ? 0 : Math.sin((2 * Math.PI * since) / bars);
      out[offset + 2 * k + 1] = since === null ? 0 : Math.cos((2 * Math.PI * since) / bars);
    });
    out[offset + 2 * CHANGE_PHRASES.length] = since === null ? 2 : Math.min(2, since / 16);
    for (let i = 0; i < NOVELTY_BEATS; i++) out[offset + 2 * CHANGE_PHRASES.length + 1 + i] = Math.min(4, this.#novelty[this.#novelty.length - 1 - i] ?? 0) / 4;
  }
}
