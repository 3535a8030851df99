/**
 * Examples for the bar-phase model: a window of tracker-state frames ending at a hop, an anticipation a, and the
 * true bar phase at t + a (from the track's exact beats) as a unit [sin, cos] target. One a per batch, drawn
 * from 0-0.5 s, as the model will be asked for one latency at a time.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { Seconds } from '@fractalsync/server/core/units';
import { barLengths, barPhaseAtTime } from '../dataset/hop-labels.js';
import type { TrackSetManifest } from '../eval/track-set.js';
import { FEATURE_DIM, trackerRun } from './tracker-states.js';
import type { TrackerRun } from './tracker-states.js';

export const MAX_ANTICIPATION: Seconds = 0.5;
/** Hops before this are left out: the tracker is still finding the beat, and the model is not asked then. */
export const WARM_UP: Seconds = 2;

export interface BarPhaseTrack {
  id: string;
  run: TrackerRun;
  beats: { time: Seconds; position: number }[];
  lengths: number[];
}

export interface BarPhaseBatch {
  features: Float32Array;
  anticipation: Float32Array;
  target: Float32Array;
  batch: number;
  window: number;
}

export async function loadBarPhaseTracks(manifestPath: string, anticipations: readonly Seconds[] = [], log?: { info(msg: string): void }): Promise<BarPhaseTrack[]> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as TrackSetManifest;
  const out: BarPhaseTrack[] = [];
  for (const [i, track] of manifest.tracks.entries()) {
    const run = await trackerRun(join(dirname(manifestPath), track.audio), anticipations);
    out.push({ id: track.id, run, beats: track.beats, lengths: barLengths(track.beats) });
    if ((i + 1) % 20 === 0) log?.info(`tracker states: ${i + 1}/${manifest.tracks.length} tracks`);
  }
  return out;
}

/** The truth at t + a as (sin, cos), or undefined where the track's beats do not define it. */
export function truthAt(track: BarPhaseTrack, t: Seconds): { sin: number; cos: number; phase: number; meter: number } | undefined {
  const truth = barPhaseAtTime(track.beats, track.lengths, t);
  if (truth === undefined) return undefined;
  return { sin: Math.sin(2 * Math.PI * truth.phase), cos: Math.cos(2 * Math.PI * truth.phase), ...truth };
}

/** Copies frames [hop - window + 1, hop] of a track's features into `out` at example k. */
export function copyWindow(track: BarPhaseTrack, hop: number, window: number, out: Float32Array, k: number): void {
  const start = (hop - window + 1) * FEATURE_DIM;
  out.set(track.run.features.subarray(start, start + window * FEATURE_DIM), k * window * FEATURE_DIM);
}

function emptyBatch(batch: number, window: number): BarPhaseBatch {
  return { features: new Float32Array(batch * window * FEATURE_DIM), anticipation: new Float32Array(batch), target: new Float32Array(batch * 2), batch, window };
}

/** Random examples, one anticipation for the whole batch. */
export function randomBarPhaseBatch(tracks: readonly BarPhaseTrack[], rng: Prng, batch: number, window: number): BarPhaseBatch {
  const out = emptyBatch(batch, window);
  const a = MAX_ANTICIPATION * rng();
  for (let k = 0; k < batch; k++) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const track = tracks[Math.floor(rng() * tracks.length)];
      if (track === undefined || track.run.hops < window) continue;
      const hop = window - 1 + Math.floor(rng() * (track.run.hops - window + 1));
      const t = track.run.t[hop] ?? 0;
      const truth = t >= WARM_UP ? truthAt(track, t + a) : undefined;
      if (truth === undefined) continue;
      copyWindow(track, hop, window, out.features, k);
      out.anticipation[k] = a;
      out.target[2 * k] = truth.sin;
      out.target[2 * k + 1] = truth.cos;
      break;
    }
  }
  return out;
}

/** Fixed validation batches: every `stride`-th hop of every track, at anticipations cycling through 0-0.5 s. */
export function fixedBarPhaseBatches(tracks: readonly BarPhaseTrack[], batch: number, window: number, stride: number): BarPhaseBatch[] {
  const examples: [BarPhaseTrack, number, Seconds][] = [];
  let n = 0;
  for (const track of tracks) {
    for (let hop = window - 1; hop < track.run.hops; hop += stride) {
      const a = MAX_ANTICIPATION * ((n++ % 6) / 5);
      const t = track.run.t[hop] ?? 0;
      if (t >= WARM_UP && truthAt(track, t + a) !== undefined) examples.push([track, hop, a]);
    }
  }
  const out: BarPhaseBatch[] = [];
  for (let i = 0; i < examples.length; i += batch) {
    const group = examples.slice(i, i + batch);
    const b = emptyBatch(group.length, window);
    group.forEach(([track, hop, a], k) => {
      const truth = truthAt(track, (track.run.t[hop] ?? 0) + a);
      copyWindow(track, hop, window, b.features, k);
      b.anticipation[k] = a;
      b.target[2 * k] = truth?.sin ?? 0;
      b.target[2 * k + 1] = truth?.cos ?? 1;
    });
    out.push(b);
  }
  return out;
}
