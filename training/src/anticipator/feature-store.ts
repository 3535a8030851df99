/**
 * The feature cache of a structure set: per song `<id>.features.bin` (Float32, hops x SONG_WIDTH, little
 * endian) beside the set's WAV and labels, under a folder of its own. Rebuilt when the song's WAV hash, the code behind
 * the rows (songFeaturesVersion: tracker model and code, context, mapping and orbit) or the column layout changes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StructureLabels, StructureManifest, SongEntry } from '../structure/build-structure-set.js';
import { readWav } from '../data/wav.js';
import { SONG_COLUMNS, SONG_WIDTH, songFeatures, songFeaturesVersion } from './song-features.js';
import type { SongFeatures } from './song-features.js';

export interface CachedSong {
  entry: SongEntry;
  labels: StructureLabels;
  hops: number;
  data: Float32Array;
}

interface CacheHeader {
  sha256: string;
  /** songFeaturesVersion(): the tracker (beat model and code) and the code of the columns built on it. */
  version: string;
  columns: typeof SONG_COLUMNS;
  hops: number;
}

export async function readManifest(path: string): Promise<StructureManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`structure manifest ${path} cannot be read (${err instanceof Error ? err.message : String(err)}); build it with npm run data:structure -w training`, { cause: err });
  }
  const manifest = JSON.parse(text) as StructureManifest;
  if (!Array.isArray(manifest.songs)) throw new Error(`${path} is not a structure manifest (no songs array)`);
  return manifest;
}

/** Caches one song's features (the structure set's build writes them from its own tracker pass). */
export async function writeSongFeatures(cacheDir: string, entry: Pick<SongEntry, 'id' | 'sha256'>, version: string, features: SongFeatures): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(join(cacheDir, `${entry.id}.features.bin`), Buffer.from(features.data.buffer, features.data.byteOffset, features.data.byteLength));
  const head: CacheHeader = { sha256: entry.sha256, version, columns: SONG_COLUMNS, hops: features.hops };
  await writeFile(join(cacheDir, `${entry.id}.features.json`), `${JSON.stringify(head)}\n`);
}

/** Loads (or computes and caches) every song of `split` in the manifest, with its labels. */
export async function loadSongs(manifestPath: string, split: 'train' | 'heldout', cacheDir: string, log: { info(msg: string): void }): Promise<CachedSong[]> {
  const manifest = await readManifest(manifestPath);
  const root = dirname(manifestPath);
  await mkdir(cacheDir, { recursive: true });
  const version = songFeaturesVersion();
  const out: CachedSong[] = [];
  for (const entry of manifest.songs.filter((s) => s.split === split)) {
    const labels = JSON.parse(await readFile(join(root, entry.labels), 'utf8')) as StructureLabels;
    const binPath = join(cacheDir, `${entry.id}.features.bin`);
    const headPath = join(cacheDir, `${entry.id}.features.json`);
    let song: CachedSong | undefined;
    try {
      const head = JSON.parse(await readFile(headPath, 'utf8')) as CacheHeader;
      if (head.sha256 === entry.sha256 && head.version === version && JSON.stringify(head.columns) === JSON.stringify(SONG_COLUMNS)) {
        const bytes = await readFile(binPath);
        const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        if (data.length === head.hops * SONG_WIDTH) song = { entry, labels, hops: head.hops, data };
      }
    } catch {
      song = undefined;
    }
    if (song === undefined) {
      const t0 = performance.now();
      const wav = await readWav(join(root, entry.audio));
      const features = await songFeatures(wav.samples);
      await writeSongFeatures(cacheDir, entry, version, features);
      song = { entry, labels, hops: features.hops, data: features.data };
      log.info(`features ${entry.id}: ${features.hops} hops in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (song.hops < labels.hops) throw new Error(`${entry.id}: ${song.hops} feature hops but ${labels.hops} labelled hops`);
    out.push(song);
  }
  return out;
}
