/**
 * A tiny structure set for tests, written straight to disk: per song a labels file, an entry and a feature
 * cache whose header matches the entry's WAV hash (so no audio is rendered or analysed). Each song has a quiet
 * verse and a loud chorus half, and the features carry the difference, so a model can learn something from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_SIZE } from '@fractalsync/server/core/models/structure-context';
import { columnOffset, featureCacheDir, SONG_COLUMNS, SONG_WIDTH, songFeaturesVersion } from '../../src/anticipator/song-features.js';

export function writeTinySet(dir: string, songs: number, hops: number): string {
  const setDir = join(dir, 'tiny');
  const cacheDir = featureCacheDir(join(setDir, 'manifest.json'));
  mkdirSync(setDir, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  const entries = [];
  for (let s = 0; s < songs; s++) {
    const id = `tiny-${s}`;
    const half = Math.floor(hops / 2);
    const section = Array.from({ length: hops }, (_, h) => (h < half ? 2 : 4));
    const k = Array.from({ length: hops }, (_, h) => (h < half ? Math.max(1, Math.ceil((half - h) / 20)) : -1));
    const hazard = [1, 2, 4, 8, 16].map((horizon) => k.map((x) => (x >= 1 && x <= horizon ? 1 : 0)));
    const labels = { id, fps: 46.875, hops, sections: [], horizons: [1, 2, 4, 8, 16], section, beats_to_boundary: { tracker: k, grid: k }, hazard: { tracker: hazard, grid: hazard }, boundaries: [half / 46.875], spans: [], beats: { tracker: [], tracker_filled: [], grid: [] } };
    writeFileSync(join(setDir, `${id}.labels.json`), JSON.stringify(labels));
    const data = new Float32Array(hops * SONG_WIDTH);
    for (let h = 0; h < hops; h++) {
      const loud = h < half ? 0 : 1;
      const row = h * SONG_WIDTH;
      for (let i = 0; i < 6; i++) data[row + columnOffset('scaled') + i] = -0.5 + loud + 0.1 * Math.sin(h + i + s);
      data[row + columnOffset('beat')] = Math.sin(h / 10);
      data[row + columnOffset('beat') + 1] = Math.cos(h / 10);
      data[row + columnOffset('beat') + 2] = Math.log(0.5);
      data[row + columnOffset('beats')] = (h * 1024) / 48000 / 0.5;
      // The orbit a quarter of a beat behind the tracker, as while it glides across a jump.
      data[row + columnOffset('orbit_beats')] = (h * 1024) / 48000 / 0.5 - 0.25;
      for (let i = 0; i < CONTEXT_SIZE; i++) data[row + columnOffset('context') + i] = loud * 0.2 + 0.01 * i;
    }
    const sha256 = `fixture-${s}`;
    writeFileSync(join(cacheDir, `${id}.features.bin`), Buffer.from(data.buffer));
    writeFileSync(join(cacheDir, `${id}.features.json`), JSON.stringify({ sha256, version: songFeaturesVersion(), columns: SONG_COLUMNS, hops }));
    entries.push({ id, split: s < songs - 2 ? 'train' : 'heldout', seed: s, template: 'tiny', seconds: hops / 46.875, audio: `${id}.wav`, labels: `${id}.labels.json`, sha256 });
  }
  const manifest = join(setDir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ set: 'tiny', songs: entries }));
  return manifest;
}
