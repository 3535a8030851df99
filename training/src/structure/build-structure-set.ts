/**
 * Builds the structure set: every planned song rendered clean, augmented (speed, room + crowd, microphone, level),
 * tracked by the daemon's own beat tracker, and written as a 48 kHz WAV with per-hop labels beside it. The
 * manifest lists every file with its seed, split, spec, augmentation, label source and SHA-256, so a rebuild can be
 * checked byte for byte; a song whose spec hash is unchanged is reused.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import type { Seconds } from '@fractalsync/server/core/units';
import { SAMPLE_RATE } from '../data/eval-set-plan.js';
import { specHash } from '../data/spec-hash.js';
import { decodeWav, encodeWav } from '../data/wav.js';
import { applyAugment, effectiveSpeed } from '../dataset/augment.js';
import type { AugmentSpec } from '../dataset/augment.js';
import { beatsToBoundary, boundaryTimes, hazardTargets, hopEndTimes, sectionPerHop } from './hazard-labels.js';
import type { LabelledSpan } from './hazard-labels.js';
import { renderSong } from './render-song.js';
import type { SongSpec } from './render-song.js';
import { HAZARD_HORIZONS, SECTION_LABELS } from './section-labels.js';
import type { Split } from './song-form.js';
import { songPlan, STRUCTURE_SEEDS } from './song-plan.js';
import type { PlannedSong, SongPlanOptions } from './song-plan.js';
import { trackerVersion } from './daemon-tracker.js';
import { fillTrackerGaps } from './tracker-beats.js';
import { writeSongFeatures } from '../anticipator/feature-store.js';
import { featureCacheDir, songFeaturesAndBeats, songFeaturesVersion } from '../anticipator/song-features.js';
import type { SongFeatures } from '../anticipator/song-features.js';

/**
 * Bump when rendering or labelling changes, so cached songs are rebuilt (v2, v3, v4: the beat tracker behind
 * hazard.tracker changed; v5: it is the daemon's learned-activation tracker). A new beat model rebuilds by itself:
 * its hash (with the tracker's compiled code) is part of every song's key.
 */
export const STRUCTURE_SET_VERSION = 6;

export const LABEL_SOURCE =
  'sections and the true beat grid: the song spec\'s grid (training/src/data/groove-grid.ts), on which every hit and note is placed; ' +
  'hazard beats: the daemon\'s BeatTracker on the shipped beat activation model over the augmented audio (HopProcessor), true grid beats filling its gaps (structure/tracker-beats.ts)';

export interface StructureLabels {
  id: string;
  fps: number;
  hops: number;
  sections: readonly string[];
  horizons: readonly number[];
  /** Per hop: contract section index. */
  section: number[];
  /** Per hop: beats to the next boundary (-1: none ahead), counted on the tracker's beats and on the true grid. */
  beats_to_boundary: { tracker: number[]; grid: number[] };
  /** hazard.x[h][hop] = 1 when a boundary is within horizons[h] beats. */
  hazard: { tracker: number[][]; grid: number[][] };
  boundaries: Seconds[];
  spans: LabelledSpan[];
  beats: { tracker: Seconds[]; tracker_filled: Seconds[]; grid: Seconds[] };
}

export interface SongEntry {
  id: string;
  split: Split;
  seed: number;
  template: string;
  seconds: Seconds;
  audio: string;
  labels: string;
  sha256: string;
  labels_sha256: string;
  hash: string;
  spans: LabelledSpan[];
  /** Seconds where grid beats stood in for the tracker's (start-up, silences). */
  tracker_filled_seconds: Seconds;
  spec: SongSpec;
  augment: AugmentSpec;
}

export interface StructureManifest {
  set: string;
  created_by: string;
  version: number;
  plan: SongPlanOptions;
  seed_blocks: typeof STRUCTURE_SEEDS;
  label_source: string;
  /** The tracker's version: SHA-256 of the beat model, its card and the compiled tracker code (structure/daemon-tracker.ts). */
  tracker_sha256: string;
  sections: readonly string[];
  horizons: readonly number[];
  songs: SongEntry[];
}

export interface BuildStructureOptions extends SongPlanOptions {
  set: string;
  outDir: string;
  log: { info(msg: string): void; warn(msg: string): void };
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

async function cached(outDir: string, id: string, hash: string): Promise<SongEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(join(outDir, `${id}.entry.json`), 'utf8')) as SongEntry;
    await access(join(outDir, entry.audio));
    await access(join(outDir, entry.labels));
    return entry.hash === hash ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Renders, augments, tracks and labels one song. */
export async function buildSong(planned: PlannedSong): Promise<{ wav: Buffer; labels: StructureLabels; spans: LabelledSpan[]; filled: Seconds; features: SongFeatures }> {
  const render = renderSong(planned.spec);
  const length = Math.round(planned.seconds * SAMPLE_RATE);
  const audio = await applyAugment(render.audio, SAMPLE_RATE, planned.augment, length);
  const speed = effectiveSpeed(planned.augment, SAMPLE_RATE);
  const spans = render.spans.map((s) => ({ ...s, start: s.start / speed })).filter((s) => s.start < planned.seconds);
  const grid = render.beats.map((b) => b.time / speed).filter((t) => t < planned.seconds);
  // Tracked on the file as written (16-bit), the audio the feature cache and the daemon will hear: on the float
  // audio before encoding, beats came out up to 30 ms apart from the features' tracker.
  const wav = encodeWav(audio, SAMPLE_RATE);
  // One pass of the tracker gives the labels' beats and the models' features (cached for training).
  const heard = await songFeaturesAndBeats(decodeWav(wav, planned.id).samples);
  const tracked = heard.beats.map((b) => b.time);
  const merged = fillTrackerGaps(tracked, grid, planned.seconds);
  const hopEnds = hopEndTimes(planned.seconds, CONTRACT.audio.hop, SAMPLE_RATE);
  const boundaries = boundaryTimes(spans);
  const kTracker = beatsToBoundary(hopEnds, boundaries, merged.times);
  const kGrid = beatsToBoundary(hopEnds, boundaries, grid);
  const labels: StructureLabels = {
    id: planned.id,
    fps: SAMPLE_RATE / CONTRACT.audio.hop,
    hops: hopEnds.length,
    sections: SECTION_LABELS,
    horizons: HAZARD_HORIZONS,
    section: sectionPerHop(spans, hopEnds),
    beats_to_boundary: { tracker: kTracker, grid: kGrid },
    hazard: { tracker: hazardTargets(kTracker), grid: hazardTargets(kGrid) },
    boundaries,
    spans,
    beats: { tracker: tracked, tracker_filled: merged.times, grid },
  };
  return { wav, labels, spans, filled: merged.filledSeconds, features: heard.features };
}

export async function buildStructureSet(options: BuildStructureOptions): Promise<{ manifestPath: string; manifest: StructureManifest; built: number }> {
  const { outDir, log } = options;
  await mkdir(outDir, { recursive: true });
  const plan: SongPlanOptions = { train: options.train, heldout: options.heldout, maxSeconds: options.maxSeconds, compact: options.compact };
  const songs: SongEntry[] = [];
  let built = 0;
  const tracker = trackerVersion();
  for (const [i, planned] of songPlan(plan).entries()) {
    const hash = specHash({ version: STRUCTURE_SET_VERSION, spec: planned.spec, augment: planned.augment, seconds: planned.seconds, tracker });
    const hit = await cached(outDir, planned.id, hash);
    if (hit !== undefined) {
      songs.push(hit);
      continue;
    }
    const t0 = performance.now();
    const song = await buildSong(planned);
    const labelsText = `${JSON.stringify(song.labels)}\n`;
    const entry: SongEntry = {
      id: planned.id,
      split: planned.split,
      seed: planned.spec.seed,
      template: planned.spec.template,
      seconds: planned.seconds,
      audio: `${planned.id}.wav`,
      labels: `${planned.id}.labels.json`,
      sha256: sha256(song.wav),
      labels_sha256: sha256(labelsText),
      hash,
      spans: song.spans,
      tracker_filled_seconds: Math.round(song.filled * 1000) / 1000,
      spec: planned.spec,
      augment: planned.augment,
    };
    await writeFile(join(outDir, entry.audio), song.wav);
    await writeFile(join(outDir, entry.labels), labelsText);
    await writeFile(join(outDir, `${entry.id}.entry.json`), `${JSON.stringify(entry)}\n`);
    await writeSongFeatures(featureCacheDir(join(outDir, 'manifest.json')), entry, songFeaturesVersion(), song.features);
    songs.push(entry);
    built++;
    log.info(`[${i + 1}] ${planned.id}: ${planned.seconds} s, ${song.spans.length} sections, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const manifest: StructureManifest = {
    set: options.set,
    created_by: `FractalSync training/src/structure/build-structure-set.ts (structure set v${STRUCTURE_SET_VERSION})`,
    version: STRUCTURE_SET_VERSION,
    plan,
    seed_blocks: STRUCTURE_SEEDS,
    label_source: LABEL_SOURCE,
    tracker_sha256: tracker,
    sections: SECTION_LABELS,
    horizons: HAZARD_HORIZONS,
    songs,
  };
  const manifestPath = join(outDir, 'manifest.json');
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  log.info(`${manifestPath}: ${songs.length} songs (${built} built, ${songs.length - built} cached)`);
  return { manifestPath, manifest, built };
}
