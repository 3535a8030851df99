import type { Contract } from '../contract/contract.js';
import { FrameAnalyzer, type FrameAnalyzerBackends } from '../features/frame-analyzer.js';
import type { FeatureLayout } from '../features/layout.js';
import { FrameRing } from '../hop/frame-ring.js';
import { HopFramer } from '../hop/hop-framer.js';
import type { HopIndex, Seconds } from '../units.js';

export interface HopResult {
  hop: HopIndex;
  /** Stream time at the end of the hop: hop * hop_size / sample_rate. */
  t: Seconds;
  /** This hop's feature row (reused: read or copy it before the next hop). */
  row: Float32Array;
}

export interface AnalysisPipelineOptions {
  /** Rows kept for consumers' windows (default 1024 hops, about 22 s). */
  ringCapacity?: number;
}

/**
 * The causal analysis chain, identical for live input, files and training: samples -> hops -> one
 * feature row per hop in the frame ring. Later stages (beat tracker, models) read the ring.
 */
export class AnalysisPipeline {
  readonly frames: FrameRing;
  readonly layout: FeatureLayout;
  readonly #contract: Contract;
  readonly #framer: HopFramer;
  readonly #analyzer: FrameAnalyzer;
  readonly #row: Float32Array;

  static getDefaults(): Required<AnalysisPipelineOptions> {
    return { ringCapacity: 1024 };
  }

  constructor(contract: Contract, backends: FrameAnalyzerBackends, options: AnalysisPipelineOptions = {}) {
    const settings = { ...AnalysisPipeline.getDefaults(), ...options };
    this.#contract = contract;
    this.#framer = new HopFramer(contract.audio.n_fft, contract.audio.hop);
    this.#analyzer = new FrameAnalyzer(contract, backends);
    this.layout = this.#analyzer.layout;
    this.frames = new FrameRing(this.layout.rowLength, settings.ringCapacity);
    this.#row = new Float32Array(this.layout.rowLength);
  }

  get hopIndex(): HopIndex {
    return this.#framer.hopIndex;
  }

  reset(): void {
    this.#framer.reset();
    this.#analyzer.reset();
    this.frames.reset();
  }

  /** Feeds mono samples at the contract rate, in blocks of any length; `onHop` runs once per completed hop. */
  push(samples: Float32Array, onHop: (result: HopResult) => void): void {
    const { hop: hopSize, sample_rate: sampleRate } = this.#contract.audio;
    this.#framer.push(samples, (hop, window) => {
      this.#analyzer.process(window, this.#row);
      this.frames.append(this.#row);
      onHop({ hop, t: (hop * hopSize) / sampleRate, row: this.#row });
    });
  }
}
