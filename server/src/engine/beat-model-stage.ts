import type { LearnedActivation } from '../core/beat/learned-activation.js';
import type { Contract } from '../core/contract/contract.js';
import type { FeatureLayout } from '../core/features/layout.js';
import type { FrameRing } from '../core/hop/frame-ring.js';
import type { Seconds } from '../core/units.js';
import type { StreamingTcn } from '../core/beat/streaming-tcn.js';
import type { BeatNetwork } from '../models/beat-network.js';
import type { HopInference } from './hop-models.js';

export interface BeatModelOptions {
  /** Overrides the card's network weight (for choosing it on the development set); default: the card's. */
  networkWeight?: number;
}

/** The learned activation answers on average half a hop after the beat: labels sit on the first hop reaching it. */
export function learnedActivationLatency(contract: Contract): Seconds {
  return contract.audio.hop / contract.audio.sample_rate / 2;
}

/**
 * Steps the beat network once per hop on the newest frame of the beat spectrum and hands its beat and downbeat
 * probabilities to the tracker's learned activation. The stage keeps its own stream of the network (each layer's
 * past rows), which equals running the model over the whole stream. When a model is loaded mid-stream, or the
 * stream restarts, the stream is rebuilt from the ring's last receptive field of frames, so the next answer is
 * what the whole-stream run would give. With no model nothing is supplied and the activation uses its DSP
 * likelihood for that hop.
 */
export class BeatModelStage {
  readonly #inference: HopInference;
  readonly #activation: LearnedActivation;
  readonly #layout: FeatureLayout;
  readonly #latency: Seconds;
  readonly #options: BeatModelOptions;
  #network: BeatNetwork | undefined;
  #stream: StreamingTcn | undefined;
  /** The ring's hop number of the newest frame the stream has taken. */
  #fed = 0;
  #failed = false;

  constructor(contract: Contract, layout: FeatureLayout, inference: HopInference, activation: LearnedActivation, options: BeatModelOptions = {}) {
    this.#options = options;
    this.#inference = inference;
    this.#activation = activation;
    this.#layout = layout;
    this.#latency = learnedActivationLatency(contract);
  }

  /** Call once per hop after the pipeline appended the hop's row to `ring`, before the tracker processes it. */
  process(ring: FrameRing): void {
    const network = this.#inference.beatNetwork();
    if (network === undefined) return;
    const start = performance.now();
    try {
      if (network !== this.#network) this.#adopt(network);
      const probabilities = this.#step(ring);
      if (probabilities === undefined) return;
      const beat = probabilities[0] ?? NaN;
      const downbeat = probabilities[1] ?? NaN;
      // A model answering something that is not a probability is skipped for the hop, never passed on.
      if (!(beat >= 0 && beat <= 1.001 && downbeat >= 0 && downbeat <= 1.001)) return;
      this.#activation.supply([{ beat, downbeat }]);
      network.record(performance.now() - start);
    } catch (error) {
      network.failures++;
      if (!this.#failed) this.#inference.report(`model beat_activation failed on a hop (the hop went on without it): ${error instanceof Error ? error.message : String(error)}`);
      this.#failed = true;
      this.#fed = -1; // the stream is rebuilt from the ring on the next hop
    }
  }

  /** The newest frame's class probabilities; a new stream (or a gap in the ring's hops) rebuilds from the ring. */
  #step(ring: FrameRing): Float32Array | undefined {
    const newest = ring.count;
    if (newest < 1) return undefined;
    const stream = (this.#stream ??= this.#network?.open());
    if (stream === undefined) return undefined;
    if (newest !== this.#fed + 1 || stream.frames === 0) {
      // Only the last receptive field matters to the newest output: replay it (fewer frames near the stream's start).
      stream.reset();
      const from = Math.max(1, newest - Math.min(stream.receptiveField, ring.capacity) + 1);
      for (let hop = from; hop < newest; hop++) stream.step(this.#spectrum(ring, hop));
    }
    this.#fed = newest;
    return stream.step(this.#spectrum(ring, newest));
  }

  /** The beat spectrum columns of hop `hop`'s feature row. */
  #spectrum(ring: FrameRing, hop: number): Float32Array {
    const row = ring.row(hop);
    if (row === undefined) throw new Error(`feature row of hop ${hop} is no longer in the ring`);
    const { spectrumOffset, spectrumBins } = this.#layout;
    return row.subarray(spectrumOffset, spectrumOffset + spectrumBins);
  }

  #adopt(network: BeatNetwork): void {
    this.#network = network;
    this.#stream = undefined;
    this.#failed = false;
    const weight = this.#options.networkWeight ?? network.card.metrics.network_weight;
    this.#activation.configure({ latency: this.#latency, ...(typeof weight === 'number' ? { networkWeight: weight } : {}) });
  }
}
