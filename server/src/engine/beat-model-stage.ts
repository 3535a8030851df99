import type { LearnedActivation } from '../core/beat/learned-activation.js';
import type { Contract } from '../core/contract/contract.js';
import type { FeatureLayout } from '../core/features/layout.js';
import type { FrameRing } from '../core/hop/frame-ring.js';
import type { Seconds } from '../core/units.js';
import type { ModelCard } from '../models/model-card.js';
import type { HopInference } from './hop-models.js';

export interface BeatModelOptions {
  /** Overrides the card's network weight (for choosing it on the development set); default: the card's. */
  networkWeight?: number;
}

/** Used when a card does not say how many frames the network looks back (the shipped TCN's is 129). */
const DEFAULT_RECEPTIVE_FIELD = 129;

/** The learned activation answers on average half a hop after the beat: labels sit on the first hop reaching it. */
export function learnedActivationLatency(contract: Contract): Seconds {
  return contract.audio.hop / contract.audio.sample_rate / 2;
}

/**
 * Runs the beat_activation model once per hop on the last receptive-field frames of the beat spectrum and hands
 * the newest frame's beat and downbeat probabilities to the tracker's learned activation. The model is causal,
 * so this equals running it over the whole stream. With no model (or a late answer) nothing is supplied and the
 * activation uses its DSP likelihood for that hop.
 */
export class BeatModelStage {
  readonly #inference: HopInference;
  readonly #activation: LearnedActivation;
  readonly #layout: FeatureLayout;
  readonly #latency: Seconds;
  readonly #options: BeatModelOptions;
  #card: ModelCard | undefined;
  #frames = DEFAULT_RECEPTIVE_FIELD;
  #input = new Float32Array(0);

  constructor(contract: Contract, layout: FeatureLayout, inference: HopInference, activation: LearnedActivation, options: BeatModelOptions = {}) {
    this.#options = options;
    this.#inference = inference;
    this.#activation = activation;
    this.#layout = layout;
    this.#latency = learnedActivationLatency(contract);
  }

  /** Call once per hop after the pipeline appended the hop's row to `ring`, before the tracker processes it. */
  process(ring: FrameRing): void {
    const card = this.#inference.card('beat_activation');
    if (card === undefined) return;
    if (card !== this.#card) this.#adopt(card, ring.capacity);
    const { spectrumOffset, spectrumBins } = this.#layout;
    // Oldest first. A stream younger than the receptive field feeds only what it has: the network pads causally
    // inside, so the answer equals the whole-stream run (zeros fed as frames would not, after normalisation).
    const newest = ring.count;
    const frames = Math.min(this.#frames, newest);
    const input = frames === this.#frames ? this.#input : new Float32Array(frames * spectrumBins);
    for (let f = 0; f < frames; f++) {
      const row = ring.row(newest - frames + 1 + f);
      if (row !== undefined) input.set(row.subarray(spectrumOffset, spectrumOffset + spectrumBins), f * spectrumBins);
    }
    const outputs = this.#inference.run('beat_activation', [{ data: input, dims: [1, frames, spectrumBins] }]);
    const activation = outputs?.[0]?.data;
    if (activation === undefined || activation.length < 3) return;
    const last = activation.length - 3;
    const beat = activation[last] ?? NaN;
    const downbeat = activation[last + 1] ?? NaN;
    // A model answering something that is not a probability is skipped for the hop, never passed on.
    if (!(beat >= 0 && beat <= 1.001 && downbeat >= 0 && downbeat <= 1.001)) return;
    this.#activation.supply([{ beat, downbeat }]);
  }

  #adopt(card: ModelCard, capacity: number): void {
    this.#card = card;
    const field = card.input_notes?.receptive_field_hops;
    this.#frames = Math.min(capacity, typeof field === 'number' && Number.isInteger(field) && field > 0 ? field : DEFAULT_RECEPTIVE_FIELD);
    this.#input = new Float32Array(this.#frames * this.#layout.spectrumBins);
    const weight = this.#options.networkWeight ?? card.metrics.network_weight;
    this.#activation.configure({ latency: this.#latency, ...(typeof weight === 'number' ? { networkWeight: weight } : {}) });
  }
}
