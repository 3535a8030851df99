import type { Seconds } from '../units.js';
import type { Contract } from '../contract/contract.js';
import { beatSpectrumFilterbank } from '../features/beat-spectrum-bands.js';
import type { FeatureLayout } from '../features/layout.js';

/** What one hop tells the beat tracker. */
export interface HopActivation {
  /** Beat onset likelihood in [0, 1). */
  beat: number;
  /** Low-frequency (kick and bass) onset strength, normalised to its running level. */
  bass: number;
  /** Pitch-class energy of this hop (12 values, C = 0), for harmonic change between beats. */
  chroma: Float32Array;
  /**
   * How rhythmic the recent signal is, [0, 1]: an onset envelope (1 s decay) against its own typical level of the last 4 s.
   * Near 0 in a breakdown or silence, where the absence of onsets says nothing about where beats are.
   */
  presence: number;
  /** Downbeat likelihood in [0, 1], from a stage that estimates it (the learned activation); absent otherwise. */
  downbeat?: number;
  /** How late this hop's activation sees an onset, when the stage knows (seconds); else the tracker's setting. */
  latency?: Seconds;
  /**
   * True when `beat` carries a beat network's output: it marks beats at the annotated metrical level, not every
   * onset, so the beat filter leaves out its per-beat tempo prior (`BeatFilter.process`).
   */
  beatLevel?: boolean;
}

/** One interface for every activation stage: the DSP one here, a learned one (ONNX) later. */
export interface BeatActivationStage {
  process(row: Float32Array): HopActivation;
  reset(): void;
}

export interface DspActivationOptions {
  /** Time constant of the running onset level that normalises the activation (hops). */
  levelHops?: number;
  /** Time constant of the typical envelope level that presence compares the envelope with (hops). */
  typicalHops?: number;
  /**
   * Decay time constant of the onset envelope that presence looks at (hops): the envelope jumps to each onset
   * and decays between them, so a steady groove holds it up through a beat without a hit, and it falls within
   * a second or two of the drums stopping.
   */
  presenceHops?: number;
  /** Upper edge of the "bass" bands and of the "mid" bands, Hz. */
  bassMaxHz?: number;
  midMaxHz?: number;
  /** Weights of the bass, mid and high onset streams in the beat activation. */
  weights?: [number, number, number];
  /** Lowest and highest band used for chroma, Hz. */
  chromaMinHz?: number;
  chromaMaxHz?: number;
}

/**
 * Onsets from the log-filtered spectrum: the rise of each band over the previous hop's maximum of
 * itself and its two neighbours (a vibrato-tolerant flux), summed, and divided by its own running
 * level so quiet and loud mixes give the same activation. The log spectrum already makes level
 * changes additive, and the running level takes out the density of the arrangement.
 */
export class DspActivation implements BeatActivationStage {
  readonly #offset: number;
  readonly #bands: number;
  readonly #bassBands: number;
  readonly #midBands: number;
  readonly #weights: [number, number, number];
  readonly #levels = [0, 0, 0];
  readonly #fluxes = [0, 0, 0];
  readonly #pitchClass: Int8Array;
  /** The bands that feed chroma (those with a pitch class), in band order. */
  readonly #chromaBands: Int32Array;
  readonly #previous: Float32Array;
  readonly #chroma = new Float32Array(12);
  readonly #decay: number;
  readonly #typicalDecay: number;
  readonly #fastDecay: number;
  #typical = 0;
  #fast = 0;
  #started = false;

  static getDefaults(): Required<DspActivationOptions> {
    return { levelHops: 94, typicalHops: 188, presenceHops: 47, bassMaxHz: 160, midMaxHz: 2500, weights: [0.5, 0.3, 0.2], chromaMinHz: 110, chromaMaxHz: 1760 };
  }

  constructor(contract: Contract, layout: FeatureLayout, options: DspActivationOptions = {}) {
    const settings = { ...DspActivation.getDefaults(), ...options };
    const centres = beatSpectrumFilterbank(contract).centresHz;
    this.#offset = layout.spectrumOffset;
    this.#bands = layout.spectrumBins;
    this.#bassBands = centres.filter((f) => f <= settings.bassMaxHz).length;
    this.#midBands = centres.filter((f) => f <= settings.midMaxHz).length;
    this.#weights = settings.weights;
    this.#pitchClass = Int8Array.from(centres, (f) =>
      f >= settings.chromaMinHz && f <= settings.chromaMaxHz ? (((Math.round(12 * Math.log2(f / 440)) + 9) % 12) + 12) % 12 : -1,
    );
    this.#chromaBands = Int32Array.from(Array.from(this.#pitchClass).flatMap((pc, b) => (pc >= 0 ? [b] : [])));
    this.#previous = new Float32Array(this.#bands);
    this.#decay = Math.exp(-1 / settings.levelHops);
    this.#typicalDecay = Math.exp(-1 / settings.typicalHops);
    this.#fastDecay = Math.exp(-1 / settings.presenceHops);
  }

  reset(): void {
    this.#previous.fill(0);
    this.#levels.fill(0);
    this.#typical = 0;
    this.#fast = 0;
    this.#started = false;
  }

  process(row: Float32Array): HopActivation {
    const offset = this.#offset;
    const fluxes = this.#fluxes;
    if (this.#started) this.#fluxAndKeep(row);
    else {
      fluxes.fill(0);
      for (let b = 0; b < this.#bands; b++) this.#previous[b] = row[offset + b] ?? 0;
    }
    const chroma = this.#chroma;
    chroma.fill(0);
    const bands = this.#chromaBands;
    for (let i = 0; i < bands.length; i++) {
      const b = bands[i] ?? 0;
      const pc = this.#pitchClass[b] ?? 0;
      // Linear magnitude (the log undone): partials stand out of the noise floor, so the profile is sharp.
      // exp(x ln 10) is 10^x to within an ulp of a double, far below the float32 chroma's precision, at a third of the cost.
      chroma[pc] = (chroma[pc] ?? 0) + Math.exp((row[offset + b] ?? 0) * Math.LN10) - 1;
    }
    this.#started = true;
    // Each stream is divided by its own running level (a floor keeps silence from dividing by zero),
    // so hats cannot drown the kick just by being dense.
    let x = 0;
    let bass = 0;
    let weighted = 0;
    for (let i = 0; i < 3; i++) {
      const flux = fluxes[i] ?? 0;
      const streamLevel = this.#decay * (this.#levels[i] ?? 0) + (1 - this.#decay) * flux;
      this.#levels[i] = streamLevel;
      weighted += (this.#weights[i] ?? 0) * flux;
      const normalised = flux / (2 * streamLevel + 0.05);
      if (i === 0) bass = normalised;
      x += (this.#weights[i] ?? 0) * normalised;
    }
    // Presence: the onset envelope against its own typical level of the last few seconds. A steady groove keeps
    // the two alike (presence 1); when the drums stop the envelope falls first, and when they come back after a
    // long gap the typical level is low, so presence returns at the first hits.
    this.#fast = Math.max(weighted, this.#fastDecay * this.#fast);
    this.#typical = this.#typicalDecay * this.#typical + (1 - this.#typicalDecay) * this.#fast;
    const presence = this.#typical > 0 ? Math.min(1, Math.max(0, (this.#fast / this.#typical - 0.2) / 0.4)) : 0;
    return { beat: x / (1 + x), bass, chroma: this.#chroma, presence };
  }

  /**
   * The bass, mid and high streams' flux (consecutive runs of bands, each summed in band order): the summed rise of
   * each band over the previous hop's maximum of it and its two neighbours (a missing neighbour at either end of the
   * spectrum counts as 0). One pass, which also keeps this hop's bands as the next hop's previous ones.
   */
  #fluxAndKeep(row: Float32Array): void {
    const previous = this.#previous;
    const offset = this.#offset;
    const n = this.#bands;
    const fluxes = this.#fluxes;
    const bass = this.#bassBands;
    const mid = this.#midBands;
    fluxes.fill(0);
    // The previous hop's bands b - 1, b and b + 1, read before band b is overwritten.
    let left = 0;
    let centre = previous[0] ?? 0;
    for (let b = 0; b < n; b++) {
      const right = b + 1 < n ? (previous[b + 1] ?? 0) : 0;
      const value = row[offset + b] ?? 0;
      const stream = b < bass ? 0 : b < mid ? 1 : 2;
      fluxes[stream] = (fluxes[stream] ?? 0) + Math.max(0, value - Math.max(left, centre, right));
      previous[b] = value;
      left = centre;
      centre = right;
    }
  }
}
