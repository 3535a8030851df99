import type { BaseFeatureName, Contract } from '../contract/contract.js';
import type { FeatureLayout } from '../features/layout.js';
import { withDeltas, type DeltaOrder } from '../hop/deltas.js';
import type { BeatState } from '../state/slow-state.js';

/**
 * What the section anticipator and the controller read, built the same way in training and in the daemon:
 * the base features compressed to comparable scales, windowed over the last `window_frames` hops (with
 * deltas when the model was trained with them), and the beat and structure features of contract v1.
 */

const EPS = 1e-6;
const log10 = (x: number, floor: number): number => Math.log10(Math.max(x, 0) + floor);

/**
 * Each base feature on a scale of roughly -1..1 over real music: levels in dB, frequencies in octaves, the
 * rest in decades. Medians and 5–95 % ranges over the development set guided the offsets (docs/STRUCTURE.md).
 */
export const BASE_FEATURE_SCALES: Record<BaseFeatureName, (x: number) => number> = {
  rms: (x) => (20 * log10(x, EPS) + 30) / 30,
  centroid: (x) => Math.log2(Math.max(x, 1) / 500) / 3,
  flux: (x) => log10(x, 1e-4) + 1.5,
  zcr: (x) => log10(x, 1e-4) + 1.5,
  onset: (x) => log10(x, 0.01) - 0.7,
  rolloff: (x) => Math.log2(Math.max(x, 1) / 500) / 3,
};

/** Writes the scaled base features of one feature row into `out` (contract order). */
export function scaledBaseFeatures(row: Float32Array, layout: FeatureLayout, out: Float32Array): Float32Array {
  layout.base.forEach((name, i) => {
    out[i] = BASE_FEATURE_SCALES[name](row[layout.indexOf(name)] ?? 0);
  });
  return out;
}

/** The windowed audio input (`audio_feature_dim` = base x window_frames x (1, 2 or 3 with deltas)). */
export class AudioFeatureWindow {
  readonly frames: number;
  readonly dim: number;
  readonly order: DeltaOrder;
  readonly #layout: FeatureLayout;
  readonly #window: Float32Array;
  readonly #scratch: Float32Array;

  constructor(contract: Contract, layout: FeatureLayout, order: DeltaOrder = 'none') {
    this.frames = contract.features.window_frames;
    this.dim = layout.base.length;
    this.order = order;
    this.#layout = layout;
    this.#window = new Float32Array(this.frames * this.dim);
    this.#scratch = new Float32Array(this.dim);
  }

  /** Values per input vector: what the model card calls audio_feature_dim. */
  get size(): number {
    return this.frames * this.dim * (this.order === 'none' ? 1 : this.order === 'delta' ? 2 : 3);
  }

  reset(): void {
    this.#window.fill(0);
  }

  /** Adds one hop's feature row; the oldest frame drops out. */
  push(row: Float32Array): void {
    this.#window.copyWithin(0, this.dim);
    this.#window.set(scaledBaseFeatures(row, this.#layout, this.#scratch), (this.frames - 1) * this.dim);
  }

  /** The model input now: frames oldest first, each frame [x, Δx, ΔΔx] as the order asks. */
  vector(): Float32Array {
    return this.order === 'none' ? this.#window.slice() : withDeltas(this.#window, this.frames, this.dim, this.order);
  }
}

/** Contract v1 beat features: [sin 2πφ, cos 2πφ, log spb, conf, downbeat_prob]; zeros before the tracker runs. */
export function beatFeatures(beat: BeatState | undefined, out: Float32Array = new Float32Array(5)): Float32Array {
  if (beat === undefined) return out.fill(0);
  out[0] = Math.sin(2 * Math.PI * beat.phase);
  out[1] = Math.cos(2 * Math.PI * beat.phase);
  out[2] = Math.log(beat.spb);
  out[3] = beat.conf;
  out[4] = beat.downbeat_prob;
  return out;
}

/** The controller's structure input: the 8 section probabilities then the 5 hazards (13 values). */
export function structureFeatures(sectionProbs: readonly number[], hazard: readonly number[], out: Float32Array = new Float32Array(13)): Float32Array {
  if (sectionProbs.length !== 8 || hazard.length !== 5) {
    throw new Error(`structure features need 8 section probabilities and 5 hazards, got ${sectionProbs.length} and ${hazard.length}`);
  }
  out.set(sectionProbs, 0);
  out.set(hazard, 8);
  return out;
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] ?? 0);
  const exps = Array.from({ length: logits.length }, (_, i) => Math.exp((logits[i] ?? 0) - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
