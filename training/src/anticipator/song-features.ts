/**
 * Per-hop inputs of the structure models for one song, from the daemon's own causal path (HopProcessor:
 * features -> beat tracker -> hand-written mapping + orbit), so beat features are the tracker's and the
 * long context is built by the same core code the daemon runs. Stored per song as one Float32 matrix.
 */
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { beatFeatures, BASE_FEATURE_SCALES } from '@fractalsync/server/core/models/model-inputs';
import { CONTEXT_SIZE, StructureContext } from '@fractalsync/server/core/models/structure-context';
import { stateBeats, stateOrbitBeats } from '@fractalsync/server/core/clock/fast-clock';
import type { BeatEvent } from '@fractalsync/server/core/beat/beat-tracker';
import type { HopProcessor } from '@fractalsync/server/engine/hop-processor';
import { codeVersion } from '../features/code-version.js';
import { trackerVersion, withDaemonTracker } from '../structure/daemon-tracker.js';
import type { TrackedBeat } from '../structure/tracker-beats.js';

const BASE = CONTRACT.features.base;

/**
 * Column blocks of a song's feature matrix: [name, width]. `beats` is the tracker's beat position and `orbit_beats`
 * the orbit's (what the controller's orbit is drawn at); no model reads `beats`: it stays beside `orbit_beats` so a
 * jump of the tracker's position can be found in a song's rows.
 */
export const SONG_COLUMNS = [
  ['raw', BASE.length],
  ['bands', 6],
  ['scaled', BASE.length],
  ['beat', 5],
  ['beats', 1],
  ['orbit_beats', 1],
  ['context', CONTEXT_SIZE],
  ['manual_c', 2],
  ['manual_control', 9],
] as const;
export type SongColumn = (typeof SONG_COLUMNS)[number][0];
export const SONG_WIDTH = SONG_COLUMNS.reduce((a, [, w]) => a + w, 0);

/** Bump when the features change (the orbit's own beat position: v10; the structure context's logic: v9; the beat tracker: v5, v6, v7, v8). */
export const FEATURES_VERSION = 10;

/**
 * The version of a song's feature rows: the tracker's (model and code) and the compiled code of the columns built
 * on it (the structure context and model inputs, the hand-written mapping and orbit). The feature cache keys on it.
 */
export function songFeaturesVersion(): string {
  return codeVersion([], ['core/models', 'core/visual'], undefined, trackerVersion());
}

/** The feature cache of a structure set: `<set folder>-features-v<FEATURES_VERSION>` beside the set. */
export function featureCacheDir(manifest: string): string {
  return `${manifest.replace(/\/manifest\.json$/, '')}-features-v${FEATURES_VERSION}`;
}

/** Offset of a column block within a row. */
export function columnOffset(name: SongColumn): number {
  let offset = 0;
  for (const [n, w] of SONG_COLUMNS) {
    if (n === name) return offset;
    offset += w;
  }
  throw new Error(`unknown song column "${name}"`);
}

export interface SongFeatures {
  hops: number;
  /** hops x SONG_WIDTH. */
  data: Float32Array;
}

/** Runs the live path (the daemon's tracker) over mono 48 kHz audio (4096-sample blocks, as the labels were made). */
export async function songFeatures(audio: Float32Array): Promise<SongFeatures> {
  return (await songFeaturesAndBeats(audio)).features;
}

/** The features and, from the same pass, the tracker's beat events (the structure set's labels count them). */
export function songFeaturesAndBeats(audio: Float32Array): Promise<{ features: SongFeatures; beats: TrackedBeat[] }> {
  return withDaemonTracker((processor) => {
    const beats: TrackedBeat[] = [];
    const features = featuresOf(processor, audio, (event) => beats.push({ time: event.time, beatInBar: event.beatInBar }));
    return { features, beats };
  });
}

function featuresOf(processor: HopProcessor, audio: Float32Array, onBeat: (event: BeatEvent) => void): SongFeatures {
  const hopSeconds = CONTRACT.audio.hop / CONTRACT.audio.sample_rate;
  const context = new StructureContext(hopSeconds);
  const rows: Float32Array[] = [];
  const contextOut = new Float32Array(CONTEXT_SIZE);
  const beatOut = new Float32Array(5);
  const SCALED = columnOffset('scaled');
  for (let offset = 0; offset < audio.length; offset += 4096) {
    processor.push(audio.subarray(offset, offset + 4096), (state) => {
      const row = new Float32Array(SONG_WIDTH);
      const f = state.features;
      BASE.forEach((name, i) => {
        row[i] = f[name];
        row[SCALED + i] = BASE_FEATURE_SCALES[name](f[name]);
      });
      row.set(f.bands, BASE.length);
      row.set(beatFeatures(state.beat, beatOut), columnOffset('beat'));
      row[columnOffset('beats')] = stateBeats(state);
      row[columnOffset('orbit_beats')] = stateOrbitBeats(state);
      context.push(f, state.beat);
      row.set(context.vector(contextOut), columnOffset('context'));
      row.set(state.c ?? [0, 0], columnOffset('manual_c'));
      row.set(state.control ?? [], columnOffset('manual_control'));
      rows.push(row);
    }, onBeat);
  }
  const data = new Float32Array(rows.length * SONG_WIDTH);
  rows.forEach((r, i) => {
    data.set(r, i * SONG_WIDTH);
  });
  return { hops: rows.length, data };
}
