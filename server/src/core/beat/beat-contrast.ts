export interface BeatContrastOptions {
  /** Time constant of the on-beat and off-beat averages, in hops of the stream (45: about a second). */
  hops?: number;
  /** Half-width of the on-beat window, as a share of the beat. */
  onWidth?: number;
  /** The off-beat windows: centred this far from the beat (a quarter beat), this wide either side. */
  offCentre?: number;
  offWidth?: number;
  /**
   * The gate compares the contrast with the song's own (the reference): at or below `dropLow` of it the gate is at
   * its floor, at or above `dropHigh` of it fully open, linear between.
   */
  dropLow?: number;
  dropHigh?: number;
  /** The smallest gate: a groove that has gone quiet still steers the clock a little. */
  floor?: number;
  /** Time constant of the reference while the gate is open, in hops (470: about 10 s). */
  referenceHops?: number;
  /**
   * Share of that rate the reference keeps while the gate is shut: a new song with less contrast than the last is
   * taken as its own within a minute or so, where a breakdown of 8–16 bars moves it only a little.
   */
  shutRate?: number;
  /** The reference is never taken below this (a song that never stood out must not divide by nothing). */
  minReference?: number;
}

/**
 * How much the activation stands out on the beat the filter believes in, against the quarter-beat positions
 * between beats, over about a second: (on − off) / (on + off); the half-beat is left out, since eighth notes put
 * onsets there in most grooves. Once the clock has locked, `lockedGate` scales its trust by how this compares
 * with the song's own contrast: a clean groove measures 0.6–0.85, the same groove through a room 0.3–0.6 and an
 * MMA song in a room 0–0.3, while the pads and crowd of a breakdown in a room, where the DSP presence stays up
 * and the filter finds a pulse in noise, fall to 0–0.15 (dev-v2, session 21). A fixed threshold that shuts on
 * breakdowns also shuts on those songs; a drop against the song's own level does not.
 */
export class BeatContrast {
  readonly #o: Required<BeatContrastOptions>;
  #on = 0;
  #off = 0;
  /** Hops seen in each window so far: until there are enough, each average is the plain mean of what it saw. */
  #onCount = 0;
  #offCount = 0;
  /** The song's contrast while the gate was open; undefined until the first locked hop. */
  #reference: number | undefined;

  /**
   * Chosen on dev-v2 (session 21, learned activation): drop 0.3/0.6 against 0.2/0.5 and 0.4/0.7, reference time
   * constants of 5, 10 and 20 s all within 0.002 beat F and CMLt; a fixed threshold (contrast 0.05 shut, 0.2
   * open) scored 0.900/0.799 against this gate's 0.902/0.801, and 0.873 against 0.905 beat F on the room
   * breakdowns of eight development copies.
   */
  static getDefaults(): Required<BeatContrastOptions> {
    return { hops: 45, onWidth: 0.08, offCentre: 0.25, offWidth: 0.12, dropLow: 0.3, dropHigh: 0.6, floor: 0.25, referenceHops: 470, shutRate: 0.2, minReference: 0.05 };
  }

  constructor(options: BeatContrastOptions = {}) {
    this.#o = { ...BeatContrast.getDefaults(), ...options };
    const o = this.#o;
    if (!(o.onWidth > 0 && o.offWidth > 0 && o.onWidth <= o.offCentre - o.offWidth && o.offCentre + o.offWidth <= 0.5)) {
      throw new Error(`beat contrast: windows onWidth ${o.onWidth}, offCentre ${o.offCentre} ± ${o.offWidth} must not overlap and must fit in half a beat`);
    }
    if (!(o.hops >= 1 && o.referenceHops >= 1)) throw new Error(`beat contrast: hops ${o.hops} and referenceHops ${o.referenceHops} must be at least 1`);
    if (!(o.dropHigh > o.dropLow)) throw new Error(`beat contrast: dropHigh ${o.dropHigh} must be above dropLow ${o.dropLow}`);
    if (!(o.floor >= 0 && o.floor <= 1)) throw new Error(`beat contrast: floor ${o.floor} must be in [0, 1]`);
    if (!(o.shutRate >= 0 && o.shutRate <= 1)) throw new Error(`beat contrast: shutRate ${o.shutRate} must be in [0, 1]`);
    if (!(o.minReference > 0)) throw new Error(`beat contrast: minReference ${o.minReference} must be above 0`);
    this.reset();
  }

  reset(): void {
    this.#on = 0;
    this.#off = 0;
    this.#onCount = 0;
    this.#offCount = 0;
    this.#reference = undefined;
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

  /** The song's reference contrast, once `lockedGate` has run. */
  get reference(): number | undefined {
    return this.#reference;
  }

  /**
   * This hop's share of trust, for a clock that has locked: the floor when the contrast has fallen to `dropLow`
   * of the song's reference or below, 1 from `dropHigh` of it, linear between. The first call takes the current
   * contrast as the reference; each call then moves the reference towards the contrast, at full rate while the
   * gate is open and at `shutRate` of it while shut.
   */
  lockedGate(): number {
    const o = this.#o;
    const contrast = this.contrast;
    const reference = Math.max(this.#reference ?? contrast, o.minReference);
    const gate = Math.min(1, Math.max(o.floor, (contrast / reference - o.dropLow) / (o.dropHigh - o.dropLow)));
    const open = o.floor < 1 ? (gate - o.floor) / (1 - o.floor) : 1;
    this.#reference = reference + ((contrast - reference) * Math.max(open, o.shutRate)) / o.referenceHops;
    return gate;
  }
}
