import type { Seconds } from '../units.js';
import type { BeatActivationStage, HopActivation } from './activation.js';

/** One hop of the beat_activation model's output (class probabilities; "none" is the rest). */
export interface NetworkHop {
  beat: number;
  downbeat: number;
}

export interface LearnedActivationOptions {
  /**
   * Share of the network in the beat likelihood, the rest from the wrapped DSP stage (1 = network only).
   * Chosen on the development set, never on the evaluation set.
   */
  networkWeight?: number;
  /** How late the network answers a beat (seconds); it replaces the tracker's DSP latency on hops it answers. */
  latency?: Seconds;
}

export interface LearnedActivationStats {
  /** Hops whose network output had arrived. */
  learned: number;
  /** Hops with no network output queued: the wrapped stage's own beat likelihood stood in. */
  fallback: number;
}

/**
 * The beat activation from the learned model. Running the model is asynchronous and not pure, so its per-hop
 * outputs are queued from outside (`supply`) and consumed one per hop in order; presence, bass and chroma still
 * come from the wrapped DSP stage, which sees every row so its running levels stay current. A hop with nothing
 * queued falls back to the DSP beat likelihood rather than stalling the tracker.
 */
export class LearnedActivation implements BeatActivationStage {
  readonly #inner: BeatActivationStage;
  #weight: number;
  #latency: Seconds | undefined;
  readonly #queue: NetworkHop[] = [];
  #learned = 0;
  #fallback = 0;

  static getDefaults(): Required<Omit<LearnedActivationOptions, 'latency'>> {
    return { networkWeight: 1 };
  }

  constructor(inner: BeatActivationStage, options: LearnedActivationOptions = {}) {
    const weight = options.networkWeight ?? LearnedActivation.getDefaults().networkWeight;
    if (!(weight >= 0 && weight <= 1)) throw new Error(`learned activation: networkWeight ${weight} is invalid; expected a number in [0, 1]`);
    this.#inner = inner;
    this.#weight = weight;
    this.#latency = options.latency;
  }

  /** Takes the settings of a newly loaded model (its card's weight and latency) from the next hop on. */
  configure(options: LearnedActivationOptions): void {
    const weight = options.networkWeight ?? this.#weight;
    if (!(weight >= 0 && weight <= 1)) throw new Error(`learned activation: networkWeight ${weight} is invalid; expected a number in [0, 1]`);
    this.#weight = weight;
    this.#latency = options.latency ?? this.#latency;
  }

  /** Queues network outputs for the next hops, oldest first; each value must be a probability. */
  supply(hops: Iterable<NetworkHop>): void {
    for (const hop of hops) {
      for (const key of ['beat', 'downbeat'] as const) {
        const v = hop[key];
        // Float softmax can overshoot 1 by an ulp or two; anything further off is not a probability.
        if (!(v >= 0 && v <= 1 + 1e-5)) throw new Error(`learned activation: ${key} probability ${v} is invalid; expected a number in [0, 1]`);
      }
      this.#queue.push({ beat: Math.min(1, hop.beat), downbeat: Math.min(1, hop.downbeat) });
    }
  }

  get queued(): number {
    return this.#queue.length;
  }

  get stats(): LearnedActivationStats {
    return { learned: this.#learned, fallback: this.#fallback };
  }

  reset(): void {
    this.#inner.reset();
    this.#queue.length = 0;
    this.#learned = 0;
    this.#fallback = 0;
  }

  process(row: Float32Array): HopActivation {
    const dsp = this.#inner.process(row);
    const net = this.#queue.shift();
    if (net === undefined) {
      this.#fallback++;
      return dsp;
    }
    this.#learned++;
    // A downbeat is a beat too: the beat likelihood is both classes together, kept below 1 as the tracker expects.
    const beat = this.#weight * Math.min(0.999, net.beat + net.downbeat) + (1 - this.#weight) * dsp.beat;
    const out: HopActivation = { beat, bass: dsp.bass, chroma: dsp.chroma, presence: dsp.presence, downbeat: net.downbeat, beatLevel: this.#weight > 0 };
    if (this.#latency !== undefined) out.latency = this.#latency;
    return out;
  }
}

/** Splits a [frames, 3] activation (beat, downbeat, none per frame) into per-hop network outputs. */
export function networkHops(activation: Float32Array, frames: number): NetworkHop[] {
  if (activation.length !== frames * 3) throw new Error(`activation has ${activation.length} values; ${frames} frames of 3 classes need ${frames * 3}`);
  return Array.from({ length: frames }, (_, t) => ({ beat: activation[t * 3] ?? 0, downbeat: activation[t * 3 + 1] ?? 0 }));
}
