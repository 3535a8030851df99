import { CONTRACT } from '../core/contract/contract.js';
import { AnalysisPipeline } from '../core/pipeline/analysis-pipeline.js';
import { DemoGroove } from '../core/synth/demo-groove.js';
import { createAnalysisBackends } from '../dsp/backends.js';
import { HopProcessor } from '../engine/hop-processor.js';
import { percentile } from './stats.js';

/**
 * `npm run bench`: per-hop cost of the feature pipeline (median, p99) and offline speed as a real-time factor,
 * on the demo groove, one thread. This VM's timings wander between runs, so each measurement is repeated
 * (BENCH_PASSES, default 5) and the median pass is reported with the slowest and fastest beside it.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const hop = CONTRACT.audio.hop;

const audio = new Float32Array(Math.round(SECONDS * CONTRACT.audio.sample_rate));
new DemoGroove().render(audio);

interface Pass {
  rtf: number;
  hopMedianUs: number;
  hopP99Us: number;
}

async function featurePass(): Promise<Pass> {
  const pipeline = new AnalysisPipeline(CONTRACT, await createAnalysisBackends(CONTRACT));
  pipeline.push(audio.subarray(0, 200 * hop), () => undefined); // warm-up for the JIT
  pipeline.reset();
  const costs: number[] = [];
  const start = performance.now();
  for (let offset = 0; offset < audio.length; offset += hop) {
    const t0 = performance.now();
    pipeline.push(audio.subarray(offset, offset + hop), () => undefined);
    costs.push((performance.now() - t0) * 1000);
  }
  const elapsed = (performance.now() - start) / 1000;
  return { rtf: SECONDS / elapsed, hopMedianUs: percentile(costs, 50), hopP99Us: percentile(costs, 99) };
}

async function slowStatePass(): Promise<number> {
  const processor = await HopProcessor.create(CONTRACT, () => performance.timeOrigin + performance.now());
  let bytes = 0;
  const start = performance.now();
  for (let offset = 0; offset < audio.length; offset += 4096) {
    processor.push(audio.subarray(offset, offset + 4096), (state) => {
      bytes += JSON.stringify(state).length;
    });
  }
  const elapsed = (performance.now() - start) / 1000;
  if (bytes === 0) throw new Error('benchmark produced no states');
  return SECONDS / elapsed;
}

const features: Pass[] = [];
const full: number[] = [];
for (let i = 0; i < PASSES; i++) {
  features.push(await featurePass());
  full.push(await slowStatePass());
}
const rtfs = features.map((p) => p.rtf);
const medianPass = [...features].sort((a, b) => a.rtf - b.rtf)[Math.floor(PASSES / 2)] ?? features[0];
if (!medianPass) throw new Error('BENCH_PASSES must be at least 1');
const round = (x: number): number => Math.round(x);
const result = {
  audio_seconds: SECONDS,
  passes: PASSES,
  feature_hop_median_us: Number(medianPass.hopMedianUs.toFixed(1)),
  feature_hop_p99_us: Number(medianPass.hopP99Us.toFixed(1)),
  feature_pipeline_rtf: round(percentile(rtfs, 50)),
  feature_pipeline_rtf_min: round(Math.min(...rtfs)),
  feature_pipeline_rtf_max: round(Math.max(...rtfs)),
  hop_to_slowstate_json_rtf: round(percentile(full, 50)),
  node: process.version,
};
const out = process.stdout;
out.write(`FractalSync benchmark: ${SECONDS} s of the demo groove, one thread, median of ${PASSES} passes\n`);
out.write(`  feature pipeline, per hop:   median ${result.feature_hop_median_us} µs, p99 ${result.feature_hop_p99_us} µs (real time allows 21333 µs)\n`);
out.write(`  feature pipeline, offline:   ${result.feature_pipeline_rtf}x real time (passes from ${result.feature_pipeline_rtf_min}x to ${result.feature_pipeline_rtf_max}x)\n`);
out.write(`  whole causal pipeline (features + beat tracker + SlowState JSON): ${result.hop_to_slowstate_json_rtf}x real time\n`);
out.write(`${JSON.stringify(result)}\n`);
