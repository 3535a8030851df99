import type { Contract } from '../core/contract/contract.js';
import type { FrameAnalyzerBackends } from '../core/features/frame-analyzer.js';
import { createPffft } from './pffft.js';
import { loadVectorKernels } from './wasm-kernels.js';

/** The numeric back ends the core feature pipeline runs on: PFFFT and the SIMD feature kernels. */
export async function createAnalysisBackends(contract: Contract): Promise<FrameAnalyzerBackends> {
  const [fft, beatFft, kernels] = await Promise.all([
    createPffft(contract.audio.n_fft),
    createPffft(contract.features.beat_spectrum.frame),
    loadVectorKernels(),
  ]);
  return { fft, beatFft, kernels };
}
