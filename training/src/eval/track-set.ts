import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { Seconds } from '@fractalsync/server/core/units';

export type EventKind = 'breakdown_end' | 'tempo_change' | 'meter_change' | 'drums_stop';

/** One evaluation track with exact ground truth, as the set generator writes it. */
export interface GroundTruthTrack {
  /** Unique in the set, e.g. "house-124-clean-s3". */
  id: string;
  /** Path of the WAV relative to the manifest's directory. */
  audio: string;
  sample_rate: number;
  duration: Seconds;
  /** e.g. "four-on-the-floor", "waltz-3-4", "tempo-ramp", "breakdown", "mma:<groove>". */
  style: string;
  /** 'room': reverb + crowd noise at 10 dB SNR + narrow microphone response. */
  variant: 'clean' | 'room';
  /** Every beat; position 1 = downbeat. */
  beats: { time: Seconds; position: number }[];
  events: { time: Seconds; kind: EventKind }[];
  /** Seed and parameters: enough to rebuild the track. */
  generator: Record<string, unknown>;
}

export interface TrackSetManifest {
  set: string;
  created_by: string;
  tracks: GroundTruthTrack[];
}

/** A manifest read from disk, with where its audio lives. */
export interface TrackSet {
  manifestPath: string;
  /** The manifest's directory; track audio paths are relative to it. */
  dir: string;
  manifest: TrackSetManifest;
}

const seconds = z.number().nonnegative();
const trackSchema = z.object({
  id: z.string().min(1),
  audio: z.string().min(1),
  sample_rate: z.number().int().positive(),
  duration: z.number().positive(),
  style: z.string().min(1),
  variant: z.enum(['clean', 'room']),
  beats: z.array(z.object({ time: seconds, position: z.number().int().min(1) })),
  events: z.array(z.object({ time: seconds, kind: z.enum(['breakdown_end', 'tempo_change', 'meter_change', 'drums_stop']) })),
  generator: z.record(z.string(), z.unknown()),
});
const manifestSchema = z.object({ set: z.string().min(1), created_by: z.string().min(1), tracks: z.array(trackSchema).min(1) });

/** Validates parsed JSON as a manifest; every error names the track (id and index) and the field. */
export function parseTrackSet(json: unknown, source: string): TrackSetManifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((issue) => `${source}: ${where(json, issue.path)}: ${issue.message}`);
    const more = result.error.issues.length > 10 ? [`... and ${result.error.issues.length - 10} more problems`] : [];
    throw new Error([...lines, ...more].join('\n'));
  }
  const manifest: TrackSetManifest = result.data;
  const seen = new Map<string, number>();
  manifest.tracks.forEach((track, i) => {
    const name = `${source}: track "${track.id}" (tracks[${i}])`;
    const first = seen.get(track.id);
    if (first !== undefined) throw new Error(`${name} field id: "${track.id}" is already used by tracks[${first}]; ids must be unique`);
    seen.set(track.id, i);
    checkTrack(track, name);
  });
  return manifest;
}

/** Reads and validates a manifest file. */
export async function loadTrackSet(manifestPath: string): Promise<TrackSet> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (err) {
    throw new Error(`cannot read track set manifest ${manifestPath}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${manifestPath} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return { manifestPath, dir: dirname(resolve(manifestPath)), manifest: parseTrackSet(json, manifestPath) };
}

/** Absolute path of a track's WAV. */
export function trackAudioPath(set: TrackSet, track: GroundTruthTrack): string {
  return resolve(set.dir, track.audio);
}

/** Checks zod cannot express: relative audio path, order, ranges, and bar positions that count 1, 2, 3, ... */
function checkTrack(track: GroundTruthTrack, name: string): void {
  if (isAbsolute(track.audio)) throw new Error(`${name} field audio: "${track.audio}" is absolute; it must be relative to the manifest's directory`);
  if (track.beats.length < 2) throw new Error(`${name} field beats: has ${track.beats.length} beats; a track needs at least 2`);
  track.beats.forEach((beat, j) => {
    const previous = track.beats[j - 1];
    if (beat.time > track.duration) throw new Error(`${name} field beats[${j}].time: ${beat.time} is after the track's duration ${track.duration}`);
    if (previous === undefined) return;
    if (beat.time <= previous.time) {
      throw new Error(`${name} field beats[${j}].time: ${beat.time} is not after beats[${j - 1}].time ${previous.time}; beats must be strictly increasing`);
    }
    if (beat.position !== 1 && beat.position !== previous.position + 1) {
      throw new Error(`${name} field beats[${j}].position: ${beat.position} follows ${previous.position}; a position is 1 (new bar) or the previous one + 1`);
    }
  });
  track.events.forEach((event, j) => {
    const previous = track.events[j - 1];
    if (event.time > track.duration) throw new Error(`${name} field events[${j}].time: ${event.time} is after the track's duration ${track.duration}`);
    if (previous !== undefined && event.time < previous.time) {
      throw new Error(`${name} field events[${j}].time: ${event.time} is before events[${j - 1}].time ${previous.time}; events must be in time order`);
    }
  });
}

/** "track "id" (tracks[3]) field beats[5].time" for a zod issue path. */
function where(json: unknown, path: readonly PropertyKey[]): string {
  const [head, index, ...rest] = path;
  if (head !== 'tracks' || typeof index !== 'number') return `field ${path.length === 0 ? '(root)' : formatPath(path)}`;
  const id = trackId(json, index);
  const track = id === undefined ? `track tracks[${index}]` : `track "${id}" (tracks[${index}])`;
  return rest.length === 0 ? track : `${track} field ${formatPath(rest)}`;
}

function trackId(json: unknown, index: number): string | undefined {
  if (typeof json !== 'object' || json === null || !('tracks' in json) || !Array.isArray(json.tracks)) return undefined;
  const track: unknown = json.tracks[index];
  if (typeof track !== 'object' || track === null || !('id' in track)) return undefined;
  return typeof track.id === 'string' ? track.id : undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
