import { OfflineSource } from '@fractalsync/server/audio/offline-source';
import type { BeatTrackerOptions } from '@fractalsync/server/core/beat/beat-tracker';
import type { LearnedActivationOptions } from '@fractalsync/server/core/beat/learned-activation';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { AnalysisPipeline } from '@fractalsync/server/core/pipeline/analysis-pipeline';
import { createAnalysisBackends } from '@fractalsync/server/dsp/backends';
import { HopModels, OFFLINE_MODEL_TIMEOUT_MS } from '@fractalsync/server/engine/hop-models';
import { HopProcessor } from '@fractalsync/server/engine/hop-processor';
import { silentLogger } from '@fractalsync/server/log';
import type { PositionedBeat } from './beat-metrics.js';
import { processorBeats } from './fractalsync-tracker.js';
import { trackerSystem, type EvalSystem } from './system.js';

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

/**
 * The tracker on the learned activation, through the daemon's own per-hop path: HopProcessor runs the model on
 * HopModels' beat network, stepped one hop at a time as the daemon steps it.
 */
export async function learnedBeats(wavPath: string, models: HopModels, options: BeatTrackerOptions = {}, activationOptions: LearnedActivationOptions = {}): Promise<PositionedBeat[]> {
  const beatModel = activationOptions.networkWeight === undefined ? {} : { networkWeight: activationOptions.networkWeight };
  const processor = await HopProcessor.create(CONTRACT, () => 0, options, models, beatModel);
  const beats = await processorBeats(wavPath, processor);
  assertNoMissedHops(models, wavPath);
  return beats;
}

/** Throws when the beat model missed a hop (late, busy or failing): an offline result must not depend on load. */
export function assertNoMissedHops(models: HopModels, what: string): void {
  const stats = models.status().find((m) => m.name === 'beat_activation');
  if (stats !== undefined && stats.timeouts + stats.busy + stats.failures > 0) {
    throw new Error(`${what}: the beat model missed ${stats.timeouts + stats.busy + stats.failures} hops; an offline result must not depend on load`);
  }
}

/** The tracker with the learned activation as an evaluation system. The card's network weight applies unless overridden. */
export async function learnedSystem(modelPath: string, options: BeatTrackerOptions = {}, activationOptions: LearnedActivationOptions = {}): Promise<EvalSystem & { close(): Promise<void> }> {
  const models = new HopModels(OFFLINE_MODEL_TIMEOUT_MS, silentLogger);
  await models.load('beat_activation', modelPath);
  return { ...trackerSystem('fractalsync-learned', (wav) => learnedBeats(wav, models, options, activationOptions)), close: () => models.close() };
}
