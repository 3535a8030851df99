/**
 * Runs an exported anticipator (through the daemon's ONNX wrapper) over cached songs at its slow rate and
 * writes a predictions file in score-cli's format: one row per hop, each hop holding the latest output.
 */
import { writeFile } from 'node:fs/promises';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { sigmoid, softmax } from '@fractalsync/server/core/models/model-inputs';
import { OnnxModel } from '@fractalsync/server/models/onnx-model';
import type { CachedSong } from './feature-store.js';
import { audioInput, beatInput, SLOW_HOPS } from './anticipator-data.js';
import type { InputOptions } from './anticipator-data.js';

export interface SongStructure {
  id: string;
  /** Per hop: 8 section probabilities and 5 hazards. */
  section_probs: number[][];
  hazard: number[][];
}

/** Hops at which the model runs: the first hop, then every SLOW_HOPS-th (index ≡ SLOW_HOPS - 1). */
export function runHops(hops: number): number[] {
  const out = [0];
  for (let h = SLOW_HOPS - 1; h < hops; h += SLOW_HOPS) if (h > 0) out.push(h);
  return out;
}

export async function predictSongs(modelPath: string, songs: readonly CachedSong[], inputs: InputOptions): Promise<SongStructure[]> {
  const model = await OnnxModel.load(modelPath, { contract: CONTRACT });
  const dim = model.card.dims.audio_feature_dim;
  if (dim === undefined) throw new Error(`${modelPath}: its card has no dims.audio_feature_dim`);
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  try {
    const out: SongStructure[] = [];
    for (const song of songs) {
      const hops = song.labels.hops;
      const at = runHops(hops);
      const audio = new Float32Array(at.length * dim);
      const beat = new Float32Array(at.length * 5);
      at.forEach((h, k) => {
        audioInput(song, h, inputs, audio, k * dim);
        beatInput(song, h, beat, k * 5);
      });
      const result = await model.run({ audio: { data: audio, dims: [at.length, dim] }, beat: { data: beat, dims: [at.length, 5] } });
      const sl = result.section_logits?.data;
      const hl = result.hazard_logits?.data;
      if (sl === undefined || hl === undefined) throw new Error(`${modelPath}: missing section_logits or hazard_logits`);
      const section_probs: number[][] = [];
      const hazard: number[][] = [];
      let k = 0;
      for (let h = 0; h < hops; h++) {
        while (k + 1 < at.length && (at[k + 1] ?? Infinity) <= h) k++;
        section_probs.push(softmax(sl.subarray(k * 8, k * 8 + 8)).map(round));
        hazard.push(Array.from(hl.subarray(k * 5, k * 5 + 5), (x) => round(sigmoid(x))));
      }
      out.push({ id: song.entry.id, section_probs, hazard });
    }
    return out;
  } finally {
    await model.close();
  }
}

export async function writePredictions(path: string, system: string, songs: readonly SongStructure[]): Promise<void> {
  await writeFile(path, `${JSON.stringify({ system, songs })}\n`);
}
