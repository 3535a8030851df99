/**
 * Held-out evaluation of the controller as the daemon would run it: the exported anticipator every 2 hops
 * (held in between), the exported controller every hop, the core OrbitSynth turning each control vector into c.
 * The Julia frame of c is measured (julia-metrics) every EVAL_STRIDE hops. Beside it, the hand-written mapping's
 * c from the same HopProcessor run (models/README: the daemon's fallback).
 */
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { orbitStateFeatures, ORBIT_STATE_SIZE, useOrbitPhase } from '@fractalsync/server/core/models/controller-inputs';
import { structureFeatures } from '@fractalsync/server/core/models/model-inputs';
import { controlFromOutput } from '@fractalsync/server/core/models/model-outputs';
import { juliaMetrics } from '@fractalsync/server/core/visual/julia-metrics';
import { OrbitSynth } from '@fractalsync/server/core/visual/orbit-synth';
import type { OrbitPoint } from '@fractalsync/server/core/visual/orbit';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import { audioInput, beatInput } from '../anticipator/anticipator-data.js';
import type { CachedSong } from '../anticipator/feature-store.js';
import { predictSongs } from '../anticipator/predict-anticipator.js';
import { columnOffset, SONG_WIDTH } from '../anticipator/song-features.js';
import { hopEnergy, hopOnset } from './controller-data.js';
import { cSeriesScore } from './visual-scores.js';
import type { Series, SeriesScore } from './visual-scores.js';
import type { InputOptions } from '../anticipator/anticipator-data.js';

export const EVAL_STRIDE = 4;
const HOP_SECONDS = CONTRACT.audio.hop / CONTRACT.audio.sample_rate;

export interface ControllerEvaluation {
  model: SeriesScore;
  manual: SeriesScore;
  metrics: Record<string, unknown>;
}

function emptySeries(): Series {
  return { c: [], energy: [], onset: [], section: [] };
}

/** `inputs` and `anticipatorInputs`: the window and delta options each model was trained with (from its checkpoint). */
export async function evaluateController(controllerPath: string, inputs: InputOptions, anticipatorPath: string, anticipatorInputs: InputOptions, songs: readonly CachedSong[]): Promise<ControllerEvaluation> {
  const controller = await OnnxModel.load(controllerPath, { contract: CONTRACT });
  const dim = controller.card.dims.audio_feature_dim;
  if (dim === undefined) throw new Error(`${controllerPath}: its card has no dims.audio_feature_dim`);
  const staticDim = dim - ORBIT_STATE_SIZE;
  const anticipator = await predictSongs(anticipatorPath, songs, anticipatorInputs);
  const perSong: { model: Series; manual: Series }[] = [];
  try {
    for (const [index, song] of songs.entries()) {
      const structure = anticipator[index];
      if (structure === undefined) throw new Error(`no anticipator output for ${song.entry.id}`);
      const synth = new OrbitSynth();
      let last: OrbitPoint | undefined;
      const audio = new Float32Array(dim);
      const beat = new Float32Array(5);
      const songModel = emptySeries();
      const songManual = emptySeries();
      for (let h = 0; h < song.labels.hops; h++) {
        audioInput(song, h, inputs, audio, 0);
        audio.set(orbitStateFeatures(last), staticDim);
        beatInput(song, h, beat, 0);
        useOrbitPhase(beat, 0, song.data[h * SONG_WIDTH + columnOffset('orbit_beats')] ?? 0);
        const s = structureFeatures(structure.section_probs[h] ?? [], structure.hazard[h] ?? []);
        const out = await controller.run({ audio: { data: audio, dims: [1, dim] }, beat: { data: beat, dims: [1, 5] }, structure: { data: s, dims: [1, 13] } });
        const control = controlFromOutput(out.control?.data ?? []);
        // The beat position the daemon's orbit stood at on this hop (it crosses the tracker's jumps smoothly).
        const step = synth.step(control, song.data[h * SONG_WIDTH + columnOffset('orbit_beats')] ?? 0, HOP_SECONDS);
        last = step;
        songModel.c.push([step.c.re, step.c.im]);
        const mc = columnOffset('manual_c');
        songManual.c.push([song.data[h * SONG_WIDTH + mc] ?? 0, song.data[h * SONG_WIDTH + mc + 1] ?? 0]);
        for (const series of [songModel, songManual]) {
          series.energy.push(hopEnergy(song, h));
          series.onset.push(hopOnset(song, h));
          series.section.push(song.labels.section[h] ?? 0);
        }
      }
      perSong.push({ model: songModel, manual: songManual });
    }
  } finally {
    await controller.close();
  }
  const score = (pick: 'model' | 'manual'): SeriesScore => cSeriesScore(perSong.map((s) => s[pick]), EVAL_STRIDE, juliaMetrics);
  const m = score('model');
  const b = score('manual');
  return { model: m, manual: b, metrics: { heldout_songs: songs.length, eval_stride_hops: EVAL_STRIDE, controller: m, manual_mapping: b } };
}

export function evaluationTable(e: ControllerEvaluation, songs: number, split = 'held-out'): string {
  const row = (name: string, s: SeriesScore): string =>
    `| ${name} | ${s.frames} | ${s.corrEnergyEdges.toFixed(3)} | ${s.corrEnergySmoothEdges.toFixed(3)} | ${s.corrOnsetEdges.toFixed(3)} | ${s.corrEnergyBrightness.toFixed(3)} | ${s.jerkP99.toExponential(2)} | ${s.jerkMax.toExponential(2)} | ${s.speedMean.toExponential(2)} | ${s.chorusOutside.toFixed(3)} | ${s.verseInside.toFixed(3)} |`;
  return [
    `Controller on ${songs} ${split} songs, Julia frame metrics every ${EVAL_STRIDE} hops; energy = scaled RMS level of the hop, onset = scaled onset strength.`,
    '',
    '| system | frames | corr(energy, edge density) | corr(energy 1 s, edge density) | corr(onset, edge density) | corr(energy, brightness) | jerk of c p99 | jerk max | mean abs dc per hop | chorus frames with c outside M | verse frames with c inside M |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row('controller (models/controller.onnx + anticipator.onnx)', e.model),
    row('hand-written mapping (manual-mapping.ts)', e.manual),
    '',
  ].join('\n');
}
