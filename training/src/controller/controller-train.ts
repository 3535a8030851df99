/**
 * Trains the controller in two stages on the structure set's training split (validation: whole training
 * songs): first with the true section labels and hazards as its structure input, then with the anticipator's
 * own held predictions, delayed 0-2 slow steps, hazards dropped for some sequences, noise on the probabilities.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { ORBIT_STATE_SIZE } from '@fractalsync/server/core/models/controller-inputs';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { audioNormalisation, buildExamples } from '../anticipator/anticipator-data.js';
import { splitValidation } from '../anticipator/anticipator-train.js';
import type { SongTrainOptions } from '../anticipator/anticipator-train.js';
import { loadAnticipatorCheckpoint } from '../anticipator/export-anticipator.js';
import { loadSongs } from '../anticipator/feature-store.js';
import { countParams, loadParams, saveParams } from '../train/params.js';
import { trainLoop } from '../train/train-loop.js';
import type { TrainHistory } from '../train/train-loop.js';
import { scheduleOf } from '../train/train-schedule.js';
import { sequenceBatch } from './controller-data.js';
import type { ControllerSong, SequenceBatch, StructureMode } from './controller-data.js';
import { controllerLoss, DEFAULT_CONTROLLER_WEIGHTS, tableTensors } from './controller-loss.js';
import type { ControllerWeights } from './controller-loss.js';
import { createControllerNet } from './controller-net.js';
import type { ControllerConfig } from './controller-net.js';
import { heldPredictions } from './held-predictions.js';
import { visualTables } from './visual-tables.js';

export interface ControllerTrainOptions extends Omit<SongTrainOptions, 'epochs'> {
  /** The anticipator checkpoint whose predictions feed stage 2. */
  anticipator: string;
  /** Epochs of stage 1 (true labels) and of stage 2 (anticipator predictions). */
  epochs: [number, number];
  steps: number;
  tableSize: number;
  /** Loss weights; default DEFAULT_CONTROLLER_WEIGHTS. */
  weights?: ControllerWeights;
}

export const HOP_SECONDS = CONTRACT.audio.hop / CONTRACT.audio.sample_rate;

export async function trainController(o: ControllerTrainOptions): Promise<{ histories: TrainHistory[]; config: ControllerConfig; checkpoint: string }> {
  const songs = await loadSongs(o.manifest, 'train', o.cacheDir, o.log);
  const { config: aConfig, params: aParams } = await loadAnticipatorCheckpoint(o.anticipator);
  const inputs = { windowFrames: o.windowFrames, order: o.order };
  const all: ControllerSong[] = songs.map((song) => ({ song, predicted: heldPredictions(aParams, aConfig, song) }));
  const { train, val } = splitValidation(all);
  const norm = audioNormalisation(buildExamples(train.map((s) => s.song), inputs));
  const config: ControllerConfig = {
    audioDim: norm.mean.length + ORBIT_STATE_SIZE,
    hidden: o.hidden,
    windowFrames: o.windowFrames,
    order: o.order,
    // The orbit-state columns are already on a unit scale.
    mean: [...Array.from(norm.mean), ...Array.from({ length: ORBIT_STATE_SIZE }, () => 0)],
    invStd: [...Array.from(norm.invStd), ...Array.from({ length: ORBIT_STATE_SIZE }, () => 1)],
  };
  const params = createControllerNet(config, o.seed);
  const t0 = performance.now();
  const tables = tableTensors(visualTables({ size: o.tableSize }));
  o.log.info(`controller: ${train.length} training songs, ${val.length} validation songs, ${countParams(params)} weights, audio_feature_dim ${config.audioDim}; visual tables ${o.tableSize}x${o.tableSize} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const histories: TrainHistory[] = [];
  const stages: [StructureMode, number][] = [
    ['labels', o.epochs[0]],
    ['predictions', o.epochs[1]],
  ];
  for (const [stage, epochs] of stages) {
    if (epochs === 0) continue;
    const seqOptions = { inputs, steps: o.steps, mode: stage, hazardDropout: stage === 'predictions' ? 0.3 : 0, probNoise: stage === 'predictions' ? 0.05 : 0 };
    const valRng = createPrng(o.seed + 1000);
    const validation: SequenceBatch[] = Array.from({ length: 4 }, () => sequenceBatch(val, o.batchSize, seqOptions, valRng));
    const rng = createPrng(o.seed + (stage === 'labels' ? 1 : 2));
    const outDir = join(o.outDir, stage === 'labels' ? 'stage1-labels' : 'stage2-predictions');
    const history = await trainLoop<SequenceBatch>({
      name: `controller (${stage === 'labels' ? 'stage 1: true labels' : 'stage 2: anticipator predictions'})`,
      params,
      loss: (b) => controllerLoss(params, config, tables, b, HOP_SECONDS, o.weights),
      nextBatch: () => {
        o.onBatch?.();
        return sequenceBatch(train, o.batchSize, seqOptions, rng);
      },
      validation,
      ...scheduleOf({ ...o, epochs, outDir }),
      checkpointExtra: { config },
      runInfo: { command: o.trainingCommand, manifest: o.manifest, stage, weights: o.weights ?? DEFAULT_CONTROLLER_WEIGHTS, anticipator: o.anticipator, steps: o.steps, batch_size: o.batchSize },
    });
    histories.push(history);
    // The next stage starts from this stage's best weights.
    const best = JSON.parse(await readFile(join(outDir, 'checkpoint-best.json'), 'utf8')) as { weights: Parameters<typeof loadParams>[1] };
    loadParams(params, best.weights);
  }
  await mkdir(o.outDir, { recursive: true });
  const checkpoint = join(o.outDir, 'checkpoint-best.json');
  await writeFile(checkpoint, `${JSON.stringify({ name: 'controller', config, weights: saveParams(params) })}\n`);
  return { histories, config, checkpoint };
}
