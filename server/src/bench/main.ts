import { CONTRACT } from '../core/contract/contract.js';
import { AnalysisPipeline } from '../core/pipeline/analysis-pipeline.js';
import { DemoGroove } from '../core/synth/demo-groove.js';
import { createAnalysisBackends } from '../dsp/backends.js';
import { HopProcessor } from '../engine/hop-processor.js';
import { percentile } from './stats.js';

/**
 * `npm run bench`: per-hop cost of the feature pipeline (median, p99) and offline analysis speed as a
 * real-time factor, on the demo groove, single-threaded. Prints a table and one JSON line.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const sampleRate = CONTRACT.audio.sample_rate;
const hop = CONTRACT.audio.hop;

const audio = new Float32Array(Math.round(SECONDS * sampleRate));
new DemoGroove().render(audio);

async function featuresOnly(): Promise<{ rtf: number; hopMedianUs: number; hopP99Us: number; hops: number }> {
  const pipeline = new AnalysisPipeline(CONTRACT, await createAnalysisBackends(CONTRACT));
  // Warm-up: let the JIT settle before timing.
  pipeline.push(audio.subarray(0, 200 * hop), () => undefined);
  pipeline.reset();
  const costs: number[] = [];
  const start = performance.now();
  for (let offset = 0; offset < audio.length; offset += hop) {
    const t0 = performance.now();
    pipeline.push(audio.subarray(offset, offset + hop), () => undefined);
    costs.push((performance.now() - t0) * 1000);
  }
  const elapsed = (performance.now() - start) / 1000;
  return { rtf: SECONDS / elapsed, hopMedianUs: percentile(costs, 50), hopP99Us: percentile(costs, 99), hops: costs.length };
}

async function fullHop(): Promise<{ rtf: number }> {
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
  return { rtf: SECONDS / elapsed };
}

const features = await featuresOnly();
const full = await fullHop();
const result = {
  audio_seconds: SECONDS,
  hops: features.hops,
  feature_hop_median_us: Number(features.hopMedianUs.toFixed(1)),
  feature_hop_p99_us: Number(features.hopP99Us.toFixed(1)),
  feature_pipeline_rtf: Math.round(features.rtf),
  hop_to_slowstate_json_rtf: Math.round(full.rtf),
  node: process.version,
};
const out = process.stdout;
out.write(`FractalSync benchmark: ${SECONDS} s of the demo groove, one thread\n`);
out.write(`  feature pipeline, per hop:      median ${result.feature_hop_median_us} µs, p99 ${result.feature_hop_p99_us} µs (budget at 1x: 21333 µs)\n`);
out.write(`  feature pipeline, offline:      ${result.feature_pipeline_rtf}x real time\n`);
out.write(`  features + SlowState JSON:      ${result.hop_to_slowstate_json_rtf}x real time\n`);
out.write(`${JSON.stringify(result)}\n`);
