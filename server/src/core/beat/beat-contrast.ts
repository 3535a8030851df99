export interface BeatContrastOptions {
  /** Time constant of both averages, in hops of the stream (45: about a second, two beats at 120 BPM). */
  hops?: number;
  /** Half-width of the on-beat window, as a share of the beat. */
  onWidth?: number;
  /** The off-beat windows: centred this far from the beat (a quarter beat), this wide either side. */
  offCentre?: number;
  offWidth?: number;
  /** Contrast at or below `low` gives the floor; at or above `high`, full trust. */
  low?: number;
  high?: number;
  /** The smallest gate: a groove that has gone quiet still steers the clock a little. */
  floor?: number;
}

/**
 * How much the activation stands out on the beat the filter believes in, against the quarter-beat positions
 * between beats, over the last few beats: (on − off) / (on + off). A groove, even through a room's reverb and
 * crowd noise, measures 0.3–0.6 on this; the pads and crowd of a breakdown in a room, where the DSP presence
 * stays up and the filter finds a pulse in noise, measure 0–0.15 (dev-v2, session 21). The half-beat is left
 * out: eighth notes put onsets there in most grooves.
 */
export class BeatContrast {
  readonly #o: Required<BeatContrastOptions>;
  #on = 0;
  #off = 0;
  /** Hops seen in each window so far: until there are enough, each average is the plain mean of what it saw. */
  #onCount = 0;
  #offCount = 0;

  /**
   * Chosen on dev-v2 (session 21), learned activation: low/high 0.05/0.2 and 0.08/0.25 scored within 0.002 beat
   * F and CMLt of each other, floors 0 and 0.25 and time constants 40–90 hops alike; 0.08/0.25 cost the DSP
   * activation 0.007 beat F (its flux fires on every onset, so its grooves measure lower), 0.05/0.2 nothing.
   */
  static getDefaults(): Required<BeatContrastOptions> {
    return { hops: 45, onWidth: 0.08, offCentre: 0.25, offWidth: 0.12, low: 0.05, high: 0.2, floor: 0.25 };
  }

  constructor(options: BeatContrastOptions = {}) {
    this.#o = { ...BeatContrast.getDefaults(), ...options };
    const o = this.#o;
    if (!(o.onWidth > 0 && o.offWidth > 0 && o.onWidth <= o.offCentre - o.offWidth && o.offCentre + o.offWidth <= 0.5)) {
      throw new Error(`beat contrast: windows onWidth ${o.onWidth}, offCentre ${o.offCentre} ± ${o.offWidth} must not overlap and must fit in half a beat`);
    }
    if (!(o.hops >= 1)) throw new Error(`beat contrast: hops ${o.hops} must be at least 1`);
    if (!(o.high > o.low)) throw new Error(`beat contrast: high ${o.high} must be above low ${o.low}`);
    if (!(o.floor >= 0 && o.floor <= 1)) throw new Error(`beat contrast: floor ${o.floor} must be in [0, 1]`);
    this.reset();
  }

  reset(): void {
    this.#on = 0;
    this.#off = 0;
    this.#onCount = 0;
    this.#offCount = 0;
  }

  /**
   * Adds a hop's activation at `phase` of the believed beat (0 is the beat). A window covers only its share of
   * the hops (2 × onWidth of them, 4 × offWidth), so each average moves by 1 / (hops × share) per hop it sees:
   * both forget at the same rate in stream time.
   */
  add(activation: number, phase: number): void {
    const o = this.#o;
    const distance = Math.min(phase, 1 - phase);
    if (distance < o.onWidth) {
      this.#onCount++;
      this.#on += (activation - this.#on) * Math.max(1 / this.#onCount, 1 / (o.hops * 2 * o.onWidth));
    } else if (Math.abs(distance - o.offCentre) < o.offWidth) {
      this.#offCount++;
      this.#off += (activation - this.#off) * Math.max(1 / this.#offCount, 1 / (o.hops * 4 * o.offWidth));
    }
  }

  /** (on − off) / (on + off), 0 before anything is known. */
  get contrast(): number {
    const sum = this.#on + this.#off;
    return sum > 0 ? (this.#on - this.#off) / sum : 0;
  }

  /** The share of trust the contrast allows: `floor` at `low` and below, rising linearly to 1 at `high`. */
  get gate(): number {
    const o = this.#o;
    return Math.min(1, Math.max(o.floor, (this.contrast - o.low) / (o.high - o.low)));
  }
}
