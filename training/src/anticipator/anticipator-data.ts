/**
 * Anticipator examples from cached songs: one every SLOW_HOPS hops (the model's rate in the daemon), each with
 * the previous slow step's inputs too, for the smoothness term. audio = the AudioFeatureWindow vector (scaled
 * base features of the last window_frames hops, with deltas when asked) followed by the structure context;
 * beat = the tracker's beat features; targets = the section index and the five tracker-counted hazards.
 */
import { withDeltas } from '@fractalsync/server/core/hop/deltas';
import type { DeltaOrder } from '@fractalsync/server/core/hop/deltas';
import { CONTEXT_SIZE } from '@fractalsync/server/core/models/structure-context';
import type { CachedSong } from './feature-store.js';
import { columnOffset, SONG_WIDTH } from './song-features.js';

/** The anticipator runs every SLOW_HOPS hops, on the hops with index ≡ SLOW_HOPS - 1 (mod SLOW_HOPS). */
export const SLOW_HOPS = 2;
export const BASE_DIM = 6;

export interface InputOptions {
  windowFrames: number;
  order: DeltaOrder;
}

export function audioDim(o: InputOptions): number {
  return o.windowFrames * BASE_DIM * (o.order === 'none' ? 1 : o.order === 'delta' ? 2 : 3) + CONTEXT_SIZE;
}

/** The audio input at hop i: exactly what AudioFeatureWindow gives after hop i (zeros before the first hop), then the context. */
export function audioInput(song: CachedSong, hop: number, o: InputOptions, out: Float32Array, offset: number): void {
  const window = new Float32Array(o.windowFrames * BASE_DIM);
  const scaled = columnOffset('scaled');
  for (let f = 0; f < o.windowFrames; f++) {
    const h = hop - (o.windowFrames - 1) + f;
    if (h >= 0) window.set(song.data.subarray(h * SONG_WIDTH + scaled, h * SONG_WIDTH + scaled + BASE_DIM), f * BASE_DIM);
  }
  const w = o.order === 'none' ? window : withDeltas(window, o.windowFrames, BASE_DIM, o.order);
  out.set(w, offset);
  const ctx = columnOffset('context');
  out.set(song.data.subarray(hop * SONG_WIDTH + ctx, hop * SONG_WIDTH + ctx + CONTEXT_SIZE), offset + w.length);
}

export function beatInput(song: CachedSong, hop: number, out: Float32Array, offset: number): void {
  const b = columnOffset('beat');
  out.set(song.data.subarray(hop * SONG_WIDTH + b, hop * SONG_WIDTH + b + 5), offset);
}

export interface ExampleSet {
  count: number;
  audioDim: number;
  /** count x audioDim, now and one slow step earlier. */
  audio: Float32Array;
  audioPrev: Float32Array;
  beat: Float32Array;
  beatPrev: Float32Array;
  section: Int32Array;
  /** count x 5. */
  hazard: Float32Array;
}

/** Slow-step hops of a song that have a previous slow step and labels. */
export function slowHops(song: CachedSong): number[] {
  const hops: number[] = [];
  for (let h = 2 * SLOW_HOPS - 1; h < song.labels.hops; h += SLOW_HOPS) hops.push(h);
  return hops;
}

export function buildExamples(songs: readonly CachedSong[], o: InputOptions): ExampleSet {
  const dim = audioDim(o);
  const count = songs.reduce((a, s) => a + slowHops(s).length, 0);
  const set: ExampleSet = {
    count,
    audioDim: dim,
    audio: new Float32Array(count * dim),
    audioPrev: new Float32Array(count * dim),
    beat: new Float32Array(count * 5),
    beatPrev: new Float32Array(count * 5),
    section: new Int32Array(count),
    hazard: new Float32Array(count * 5),
  };
  let n = 0;
  for (const song of songs) {
    for (const h of slowHops(song)) {
      audioInput(song, h, o, set.audio, n * dim);
      audioInput(song, h - SLOW_HOPS, o, set.audioPrev, n * dim);
      beatInput(song, h, set.beat, n * 5);
      beatInput(song, h - SLOW_HOPS, set.beatPrev, n * 5);
      set.section[n] = song.labels.section[h] ?? 0;
      for (let k = 0; k < 5; k++) set.hazard[n * 5 + k] = song.labels.hazard.tracker[k]?.[h] ?? 0;
      n++;
    }
  }
  return set;
}

/** Per-column mean and 1/std of the audio input over a set (std floored so constant columns stay finite). */
export function audioNormalisation(set: ExampleSet): { mean: Float32Array; invStd: Float32Array } {
  const d = set.audioDim;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < set.count; i++) {
    for (let j = 0; j < d; j++) {
      const v = set.audio[i * d + j] ?? 0;
      mean[j] = (mean[j] ?? 0) + v;
      sq[j] = (sq[j] ?? 0) + v * v;
    }
  }
  const n = Math.max(1, set.count);
  const m = Float32Array.from(mean, (s) => s / n);
  const invStd = Float32Array.from(sq, (s, j) => 1 / Math.sqrt(Math.max(s / n - (m[j] ?? 0) ** 2, 1e-4)));
  return { mean: m, invStd };
}
