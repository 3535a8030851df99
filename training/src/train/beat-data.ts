/**
 * Training examples for the beat activation: each track's beat-spectrum columns (from the feature cache) with
 * soft per-hop targets. A labelled hop is one-hot; its two neighbours get half of that class (a beat read one
 * hop early or late is nearly right), and hops near a beat weigh more, since beats are rare.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { FeatureCache } from '../features/feature-cache.js';
import { CLASS } from '../dataset/hop-labels.js';
import type { HopLabels } from '../dataset/hop-labels.js';
import type { TrainManifest } from '../dataset/build-train-set.js';

export const BEAT_WEIGHT = 4;

export interface BeatTrackData {
  id: string;
  hops: number;
  bins: number;
  /** hops x bins. */
  spectrum: Float32Array;
  /** hops x 3 (beat, downbeat, none). */
  target: Float32Array;
  /** hops. */
  weight: Float32Array;
}

export interface BeatBatch {
  x: Float32Array;
  y: Float32Array;
  w: Float32Array;
  batch: number;
  frames: number;
  bins: number;
}

export function softTargets(labels: Pick<HopLabels, 'hops' | 'beatClass'>): { target: Float32Array; weight: Float32Array } {
  const target = new Float32Array(labels.hops * 3);
  const weight = new Float32Array(labels.hops).fill(1);
  for (let i = 0; i < labels.hops; i++) target[i * 3 + CLASS.none] = 1;
  labels.beatClass.forEach((c, i) => {
    if (c === CLASS.none) return;
    for (const [j, share] of [[i - 1, 0.5], [i, 1], [i + 1, 0.5]] as const) {
      if (j < 0 || j >= labels.hops || (j !== i && labels.beatClass[j] !== CLASS.none)) continue;
      target[j * 3 + c] = share;
      target[j * 3 + CLASS.none] = 1 - share;
      weight[j] = BEAT_WEIGHT;
    }
  });
  return { target, weight };
}

/** Reads a training manifest, its labels and (through the cache) its features. */
export async function loadBeatData(manifestPath: string, cache: FeatureCache): Promise<BeatTrackData[]> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as TrainManifest;
  const dir = dirname(manifestPath);
  const out: BeatTrackData[] = [];
  for (const track of manifest.tracks) {
    const features = await cache.get(join(dir, track.audio));
    const labels = JSON.parse(await readFile(join(dir, track.labels), 'utf8')) as HopLabels;
    const hops = Math.min(features.hops, labels.hops);
    const bins = features.spectrumBins;
    const spectrum = new Float32Array(hops * bins);
    for (let h = 0; h < hops; h++) spectrum.set(features.rows.subarray(h * features.rowLength + features.spectrumOffset, h * features.rowLength + features.spectrumOffset + bins), h * bins);
    const { target, weight } = softTargets({ hops, beatClass: labels.beatClass.slice(0, hops) });
    out.push({ id: track.id, hops, bins, spectrum, target, weight });
  }
  return out;
}

/** Every k-th track for validation, the rest for training: split by track, so no song is on both sides. */
export function splitTracks<T>(tracks: readonly T[], every: number): { train: T[]; val: T[] } {
  if (tracks.length < 2) return { train: [...tracks], val: [...tracks] };
  // Fewer than `every` tracks: the last one validates.
  const k = Math.min(every, tracks.length);
  return { train: tracks.filter((_, i) => i % k !== k - 1), val: tracks.filter((_, i) => i % k === k - 1) };
}

export function normStats(tracks: readonly BeatTrackData[]): { mean: number[]; std: number[] } {
  const bins = tracks[0]?.bins ?? 0;
  const sum = new Float64Array(bins);
  const sq = new Float64Array(bins);
  let n = 0;
  for (const t of tracks) {
    for (let h = 0; h < t.hops; h++) {
      for (let b = 0; b < bins; b++) {
        const v = t.spectrum[h * bins + b] ?? 0;
        sum[b] = (sum[b] ?? 0) + v;
        sq[b] = (sq[b] ?? 0) + v * v;
      }
    }
    n += t.hops;
  }
  const mean = Array.from(sum, (s) => s / Math.max(1, n));
  const std = Array.from(sq, (s, b) => Math.sqrt(Math.max(1e-6, s / Math.max(1, n) - (mean[b] ?? 0) ** 2)));
  return { mean, std };
}

function fill(batch: BeatBatch, k: number, t: BeatTrackData, start: number): void {
  const { frames, bins } = batch;
  batch.x.set(t.spectrum.subarray(start * bins, (start + frames) * bins), k * frames * bins);
  batch.y.set(t.target.subarray(start * 3, (start + frames) * 3), k * frames * 3);
  batch.w.set(t.weight.subarray(start, start + frames), k * frames);
}

/** A batch of random windows (track, then start), drawn from `rng`. */
export function randomBatch(tracks: readonly BeatTrackData[], rng: Prng, batch: number, frames: number): BeatBatch {
  const usable = tracks.filter((t) => t.hops >= frames);
  if (usable.length === 0) throw new Error(`no track has ${frames} hops; use shorter windows or longer tracks`);
  const bins = usable[0]?.bins ?? 0;
  const out: BeatBatch = { x: new Float32Array(batch * frames * bins), y: new Float32Array(batch * frames * 3), w: new Float32Array(batch * frames), batch, frames, bins };
  for (let k = 0; k < batch; k++) {
    const t = usable[Math.floor(rng() * usable.length)];
    if (t === undefined) continue;
    fill(out, k, t, Math.floor(rng() * (t.hops - frames + 1)));
  }
  return out;
}

/** Fixed, non-overlapping windows over every track: the same validation batches every epoch. */
export function fixedBatches(tracks: readonly BeatTrackData[], batch: number, frames: number): BeatBatch[] {
  const windows: [BeatTrackData, number][] = [];
  for (const t of tracks) for (let s = 0; s + frames <= t.hops; s += frames) windows.push([t, s]);
  const bins = tracks[0]?.bins ?? 0;
  const out: BeatBatch[] = [];
  for (let i = 0; i < windows.length; i += batch) {
    const group = windows.slice(i, i + batch);
    const b: BeatBatch = { x: new Float32Array(group.length * frames * bins), y: new Float32Array(group.length * frames * 3), w: new Float32Array(group.length * frames), batch: group.length, frames, bins };
    group.forEach(([t, s], k) => {
      fill(b, k, t, s);
    });
    out.push(b);
  }
  return out;
}
