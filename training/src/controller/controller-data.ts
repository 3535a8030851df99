/**
 * Controller training sequences: runs of SEQ hops from cached songs with, per hop, the static part of the
 * controller's audio input (AudioFeatureWindow + structure context; the orbit-state columns are appended in
 * the unrolled loop), the beat features (with the orbit's phase, as the daemon gives them), the orbit's beat
 * position, the audio energy the visuals should
 * follow, and the structure input: true labels (stage 1) or the anticipator's own held predictions, delayed by
 * 0-2 slow steps, with hazard dropout and noise on the probabilities (stage 2).
 */
import { useOrbitPhase } from '@fractalsync/server/core/models/controller-inputs';
import { audioDim, audioInput, beatInput, SLOW_HOPS } from '../anticipator/anticipator-data.js';
import type { InputOptions } from '../anticipator/anticipator-data.js';
import type { CachedSong } from '../anticipator/feature-store.js';
import { columnOffset, SONG_WIDTH } from '../anticipator/song-features.js';

/** Sections whose frames should show dust (c outside M) and those that should show a connected set. */
export const OUTSIDE_SECTIONS = [4, 6] as const;
export const INSIDE_SECTIONS = [1, 2, 5, 7] as const;

export type StructureMode = 'labels' | 'predictions';

export interface ControllerSong {
  song: CachedSong;
  /** Anticipator output per hop (8 probs + 5 hazards), for stage 2. */
  predicted?: Float32Array;
}

export interface StepInputs {
  audio: Float32Array;
  beat: Float32Array;
  structure: Float32Array;
  /** The beat position the daemon's orbit stood at (its `orbit_beats`: the tracker's, crossing jumps smoothly). */
  beats: Float64Array;
  /** BASE_FEATURE_SCALES.rms of the hop's RMS. */
  energy: Float32Array;
  /** BASE_FEATURE_SCALES.onset of the hop's onset strength. */
  onset: Float32Array;
}

export interface SequenceBatch {
  batch: number;
  steps: StepInputs[];
  /** Orbit state before each sequence's first step: θ uniform in [0, 2π), s uniform in [0, 1], so every part of the orbit is seen (the daemon's orbit runs on between sequences). */
  initial: { s: Float32Array; theta: Float32Array };
}

/** The audio energy the correlation term and the evaluation use: the hop's RMS level on the model-input scale. */
export function hopEnergy(song: CachedSong, hop: number): number {
  return song.data[hop * SONG_WIDTH + columnOffset('scaled') + 2] ?? 0;
}

/** The onset strength the motion term and the evaluation use, on the model-input scale. */
export function hopOnset(song: CachedSong, hop: number): number {
  return song.data[hop * SONG_WIDTH + columnOffset('scaled') + 4] ?? 0;
}

export interface SequenceOptions {
  inputs: InputOptions;
  steps: number;
  mode: StructureMode;
  /** Stage 2: chance that the hazards are zeroed for a whole sequence. */
  hazardDropout: number;
  /** Stage 2: standard deviation of the noise added to the section probabilities. */
  probNoise: number;
}

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-12))) * Math.cos(2 * Math.PI * rng());
}

/** One batch of sequences starting at random hops of random songs. */
export function sequenceBatch(songs: readonly ControllerSong[], batch: number, o: SequenceOptions, rng: () => number): SequenceBatch {
  const dim = audioDim(o.inputs);
  const steps: StepInputs[] = Array.from({ length: o.steps }, () => ({
    audio: new Float32Array(batch * dim),
    beat: new Float32Array(batch * 5),
    structure: new Float32Array(batch * 13),
    beats: new Float64Array(batch),
    energy: new Float32Array(batch),
    onset: new Float32Array(batch),
  }));
  for (let b = 0; b < batch; b++) {
    const item = songs[Math.floor(rng() * songs.length)];
    if (item === undefined) throw new Error('no songs to draw controller sequences from');
    const { song } = item;
    const start = Math.floor(rng() * Math.max(1, song.labels.hops - o.steps));
    const delay = SLOW_HOPS * Math.floor(rng() * 3);
    const dropHazard = rng() < o.hazardDropout;
    for (let t = 0; t < o.steps; t++) {
      const hop = Math.min(song.labels.hops - 1, start + t);
      const s = steps[t];
      if (s === undefined) continue;
      audioInput(song, hop, o.inputs, s.audio, b * dim);
      s.beats[b] = song.data[hop * SONG_WIDTH + columnOffset('orbit_beats')] ?? 0;
      beatInput(song, hop, s.beat, b * 5);
      useOrbitPhase(s.beat, b * 5, s.beats[b] ?? 0);
      s.energy[b] = hopEnergy(song, hop);
      s.onset[b] = hopOnset(song, hop);
      if (o.mode === 'labels') {
        s.structure[b * 13 + (song.labels.section[hop] ?? 0)] = 1;
        for (let k = 0; k < 5; k++) s.structure[b * 13 + 8 + k] = song.labels.hazard.tracker[k]?.[hop] ?? 0;
      } else {
        if (item.predicted === undefined) throw new Error(`song ${song.entry.id} has no anticipator predictions for stage 2`);
        const from = Math.max(0, hop - delay);
        const probs = Array.from(item.predicted.subarray(from * 13, from * 13 + 8), (p) => Math.max(0, p + o.probNoise * gaussian(rng)));
        const total = probs.reduce((a, x) => a + x, 0) || 1;
        probs.forEach((p, k) => (s.structure[b * 13 + k] = p / total));
        for (let k = 0; k < 5; k++) s.structure[b * 13 + 8 + k] = dropHazard ? 0 : (item.predicted[from * 13 + 8 + k] ?? 0);
      }
    }
  }
  const initial = { s: Float32Array.from({ length: batch }, () => rng()), theta: Float32Array.from({ length: batch }, () => 2 * Math.PI * rng()) };
  return { batch, steps, initial };
}
