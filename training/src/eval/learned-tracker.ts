import { OfflineSource } from '@fractalsync/server/audio/offline-source';
import { DspActivation } from '@fractalsync/server/core/beat/activation';
import type { BeatTrackerOptions } from '@fractalsync/server/core/beat/beat-tracker';
import { LearnedActivation, networkHops } from '@fractalsync/server/core/beat/learned-activation';
import type { LearnedActivationOptions, NetworkHop } from '@fractalsync/server/core/beat/learned-activation';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { AnalysisPipeline } from '@fractalsync/server/core/pipeline/analysis-pipeline';
import { createAnalysisBackends } from '@fractalsync/server/dsp/backends';
import { HopProcessor } from '@fractalsync/server/engine/hop-processor';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import type { PositionedBeat } from './beat-metrics.js';
import { trackerSystem, type EvalSystem } from './system.js';

/**
 * The learned activation's latency, as its labels define it: a beat is labelled on the first hop whose end
 * reaches it, so the network answers on average half a hop after the beat.
 */
export const LEARNED_ACTIVATION_LATENCY = CONTRACT.audio.hop / CONTRACT.audio.sample_rate / 2;

/** The beat spectrum of every hop of a file, through the same decode and pipeline as the tracker. */
export async function spectrumOf(wavPath: string): Promise<{ data: Float32Array; frames: number; bins: number }> {
  const source = await OfflineSource.open(wavPath, { channel: 'mix' });
  const pipeline = new AnalysisPipeline(CONTRACT, await createAnalysisBackends(CONTRACT), { ringCapacity: 4 });
  const { spectrumOffset, spectrumBins } = pipeline.layout;
  const rows: Float32Array[] = [];
  await source.start({
    audio: (block) => {
      pipeline.push(block, ({ row }) => rows.push(row.slice(spectrumOffset, spectrumOffset + spectrumBins)));
    },
    event: () => undefined,
  });
  const data = new Float32Array(rows.length * spectrumBins);
  rows.forEach((r, i) => {
    data.set(r, i * spectrumBins);
  });
  return { data, frames: rows.length, bins: spectrumBins };
}

/** The model over a whole track at once: it is causal, so this equals running it hop by hop. */
export async function networkActivation(model: OnnxModel, wavPath: string): Promise<NetworkHop[]> {
  const spectrum = await spectrumOf(wavPath);
  const out = await model.run({ spectrum: { data: spectrum.data, dims: [1, spectrum.frames, spectrum.bins] } });
  const activation = out.activation;
  if (activation === undefined) throw new Error(`${model.path}: no "activation" output`);
  return networkHops(activation.data, spectrum.frames);
}

/** The tracker on the learned activation: network outputs precomputed, then fed hop by hop through HopProcessor. */
export async function learnedBeats(wavPath: string, model: OnnxModel, options: BeatTrackerOptions = {}, activationOptions: LearnedActivationOptions = {}): Promise<PositionedBeat[]> {
  const hops = await networkActivation(model, wavPath);
  const layout = new AnalysisPipeline(CONTRACT, await createAnalysisBackends(CONTRACT), { ringCapacity: 4 }).layout;
  const activation = new LearnedActivation(new DspActivation(CONTRACT, layout), activationOptions);
  activation.supply(hops);
  const processor = await HopProcessor.create(CONTRACT, () => 0, { activationLatency: LEARNED_ACTIVATION_LATENCY, ...options, activation });
  const source = await OfflineSource.open(wavPath, { channel: 'mix' });
  const beats: PositionedBeat[] = [];
  await source.start({
    audio: (block) => {
      processor.push(
        block,
        () => undefined,
        (event) => beats.push({ time: event.time, position: event.beatInBar }),
      );
    },
    event: () => undefined,
  });
  if (activation.stats.fallback > 0) throw new Error(`${wavPath}: ${activation.stats.fallback} hops had no network output (the two passes disagree on hop count)`);
  return beats;
}

/** The tracker with the learned activation as an evaluation system. */
export async function learnedSystem(modelPath: string, options: BeatTrackerOptions = {}, activationOptions: LearnedActivationOptions = {}): Promise<EvalSystem & { close(): Promise<void> }> {
  const model = await OnnxModel.load(modelPath, { contract: CONTRACT });
  // The card carries the network weight chosen on the development set; an explicit option overrides it.
  const chosen = model.card.metrics.network_weight;
  const settings = activationOptions.networkWeight === undefined && typeof chosen === 'number' ? { ...activationOptions, networkWeight: chosen } : activationOptions;
  return { ...trackerSystem('fractalsync-learned', (wav) => learnedBeats(wav, model, options, settings)), close: () => model.close() };
}
