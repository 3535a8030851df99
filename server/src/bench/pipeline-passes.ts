import { DspActivation } from '../core/beat/activation.js';
import { BeatTracker } from '../core/beat/beat-tracker.js';
import { LearnedActivation } from '../core/beat/learned-activation.js';
import type { Contract } from '../core/contract/contract.js';
import { AnalysisPipeline } from '../core/pipeline/analysis-pipeline.js';
import { createAnalysisBackends } from '../dsp/backends.js';
import { loadBeatKernels } from '../dsp/wasm-beat-kernels.js';
import { BeatModelStage } from '../engine/beat-model-stage.js';
import type { HopModels } from '../engine/hop-models.js';
import { HopProcessor } from '../engine/hop-processor.js';
import { percentile } from './stats.js';

/** One timed pass over the audio, one hop per push. */
export interface Pass {
  /** Seconds of audio per second of wall time. */
  rtf: number;
  hopMedianUs: number;
  hopP99Us: number;
}

const WARM_UP_HOPS = 200;

/** Times `push` over `audio` one hop at a time after a warm-up for the JIT (then `reset`). */
function timed(contract: Contract, audio: Float32Array, push: (samples: Float32Array) => void, reset: () => void): Pass {
  const hop = contract.audio.hop;
  push(audio.subarray(0, WARM_UP_HOPS * hop));
  reset();
  const costs: number[] = [];
  const start = performance.now();
  for (let offset = 0; offset < audio.length; offset += hop) {
    const t0 = performance.now();
    push(audio.subarray(offset, offset + hop));
    costs.push((performance.now() - t0) * 1000);
  }
  const elapsed = (performance.now() - start) / 1000;
  return { rtf: audio.length / contract.audio.sample_rate / elapsed, hopMedianUs: percentile(costs, 50), hopP99Us: percentile(costs, 99) };
}

/** The feature pipeline alone. */
export async function featurePass(contract: Contract, audio: Float32Array): Promise<Pass> {
  const pipeline = new AnalysisPipeline(contract, await createAnalysisBackends(contract));
  return timed(contract, audio, (s) => { pipeline.push(s, () => undefined); }, () => { pipeline.reset(); });
}

/**
 * Beat tracking as issue 3 scopes its speed floor: features, the activation (DSP, or with `models` the beat
 * network stepped per hop blended with it) and the tracker; nothing built for the outputs.
 */
export async function trackingPass(contract: Contract, audio: Float32Array, models?: HopModels): Promise<Pass> {
  const pipeline = new AnalysisPipeline(contract, await createAnalysisBackends(contract));
  const kernels = await loadBeatKernels();
  const dsp = new DspActivation(contract, pipeline.layout);
  const learned = models === undefined ? undefined : new LearnedActivation(dsp);
  const stage = models === undefined || learned === undefined ? undefined : new BeatModelStage(contract, pipeline.layout, models, learned);
  const tracker = new BeatTracker(contract, pipeline.layout, kernels, { activation: learned ?? dsp });
  let beats = 0;
  const pass = timed(
    contract,
    audio,
    (s) => {
      pipeline.push(s, ({ row, t }) => {
        stage?.process(pipeline.frames);
        beats += tracker.process(row, t).events.length;
      });
    },
    () => {
      pipeline.reset();
      tracker.reset();
    },
  );
  if (beats === 0) throw new Error('tracking pass found no beats in the demo groove');
  return pass;
}

/** The daemon's whole hop: HopProcessor (tracking, SlowState, control mapping, orbit) and the state's JSON. */
export async function daemonHopPass(contract: Contract, audio: Float32Array, models?: HopModels): Promise<Pass> {
  const processor = await HopProcessor.create(contract, () => performance.timeOrigin + performance.now(), {}, models);
  let bytes = 0;
  const pass = timed(
    contract,
    audio,
    (s) => {
      processor.push(s, (state) => {
        bytes += JSON.stringify(state).length;
      });
    },
    () => { processor.reset(); },
  );
  if (bytes === 0) throw new Error('daemon hop pass produced no states');
  return pass;
}
