import { CONTRACT } from '../../src/core/contract/contract.js';
import { AnalysisPipeline, type AnalysisPipelineOptions } from '../../src/core/pipeline/analysis-pipeline.js';
import { FrameAnalyzer } from '../../src/core/features/frame-analyzer.js';
import { createAnalysisBackends } from '../../src/dsp/backends.js';

export async function createPipeline(options?: AnalysisPipelineOptions): Promise<AnalysisPipeline> {
  return new AnalysisPipeline(CONTRACT, await createAnalysisBackends(CONTRACT), options);
}

export async function createAnalyzer(): Promise<FrameAnalyzer> {
  return new FrameAnalyzer(CONTRACT, await createAnalysisBackends(CONTRACT));
}

/** Runs a whole signal through a fresh pipeline in blocks of `block`; returns a copy of every row. */
export async function analyze(signal: Float32Array, block = signal.length): Promise<Float32Array[]> {
  const pipeline = await createPipeline({ ringCapacity: 4 });
  const rows: Float32Array[] = [];
  for (let offset = 0; offset < signal.length; offset += block) {
    pipeline.push(signal.subarray(offset, offset + block), ({ row }) => rows.push(row.slice()));
  }
  return rows;
}
