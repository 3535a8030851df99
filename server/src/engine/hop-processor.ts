import type { Contract } from '../core/contract/contract.js';
import { AnalysisPipeline } from '../core/pipeline/analysis-pipeline.js';
import { featureStateFromRow } from '../core/state/feature-state.js';
import type { SlowState } from '../core/state/slow-state.js';
import type { Milliseconds } from '../core/units.js';
import { createAnalysisBackends } from '../dsp/backends.js';
import { HopTimer } from './hop-timer.js';

/**
 * The one causal path from samples to SlowState, shared by the live daemon's worker and by
 * `fractalsync analyze`: same pipeline, same state building, same timing.
 */
export class HopProcessor {
  readonly timer = new HopTimer();
  readonly #pipeline: AnalysisPipeline;
  readonly #wall: () => Milliseconds;

  private constructor(pipeline: AnalysisPipeline, wall: () => Milliseconds) {
    this.#pipeline = pipeline;
    this.#wall = wall;
  }

  static async create(contract: Contract, wall: () => Milliseconds): Promise<HopProcessor> {
    const pipeline = new AnalysisPipeline(contract, await createAnalysisBackends(contract));
    return new HopProcessor(pipeline, wall);
  }

  get hop(): number {
    return this.#pipeline.hopIndex;
  }

  reset(): void {
    this.#pipeline.reset();
  }

  /** Feeds samples; emits one SlowState per completed hop, timing each hop's processing. */
  push(samples: Float32Array, onState: (state: SlowState) => void): void {
    let start = performance.now();
    this.#pipeline.push(samples, ({ hop, t, row }) => {
      const state: SlowState = { v: 1, hop, t, wall: this.#wall(), features: featureStateFromRow(row, this.#pipeline.layout) };
      onState(state);
      const end = performance.now();
      this.timer.record(end - start);
      start = end;
    });
  }
}
