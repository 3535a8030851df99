import { describe, expect, it } from 'vitest';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { featureLayout } from '@fractalsync/server/core/features/layout';
import { AudioFeatureWindow, BASE_FEATURE_SCALES } from '@fractalsync/server/core/models/model-inputs';
import { CONTEXT_SIZE } from '@fractalsync/server/core/models/structure-context';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { audioDim, audioInput, buildExamples, slowHops, SLOW_HOPS } from '../../src/anticipator/anticipator-data.js';
import type { CachedSong } from '../../src/anticipator/feature-store.js';
import { columnOffset, SONG_WIDTH } from '../../src/anticipator/song-features.js';
import type { StructureLabels } from '../../src/structure/build-structure-set.js';
import type { SongEntry } from '../../src/structure/build-structure-set.js';

const layout = featureLayout(CONTRACT, 80);

/** A song whose cached rows hold random raw features, their scaled values, and labels numbered by hop. */
function song(hops: number): { cached: CachedSong; rows: Float32Array[] } {
  const rng = createPrng(5);
  const data = new Float32Array(hops * SONG_WIDTH);
  const rows: Float32Array[] = [];
  for (let h = 0; h < hops; h++) {
    const row = new Float32Array(layout.rowLength);
    const raw = { centroid: 200 + 5000 * rng(), flux: rng() * 0.3, rms: rng() * 0.5, zcr: rng() * 0.3, onset: rng() * 50, rolloff: 500 + 8000 * rng() };
    layout.base.forEach((name, i) => {
      row[layout.indexOf(name)] = raw[name];
      data[h * SONG_WIDTH + columnOffset('scaled') + i] = BASE_FEATURE_SCALES[name](raw[name]);
    });
    for (let i = 0; i < CONTEXT_SIZE; i++) data[h * SONG_WIDTH + columnOffset('context') + i] = h + i / 100;
    rows.push(row);
  }
  const section = Array.from({ length: hops }, (_, h) => h % 8);
  const hazard = [0, 1, 2, 3, 4].map((k) => Array.from({ length: hops }, (_, h) => (h + k) % 2));
  const labels = { hops, section, hazard: { tracker: hazard, grid: hazard } } as unknown as StructureLabels;
  return { cached: { entry: { id: 'x' } as SongEntry, labels, hops, data }, rows };
}

describe('anticipator inputs', () => {
  it('builds exactly the AudioFeatureWindow vector (with deltas) followed by the context, at every hop', () => {
    const { cached, rows } = song(25);
    const window = new AudioFeatureWindow(CONTRACT, layout, 'delta');
    const options = { windowFrames: CONTRACT.features.window_frames, order: 'delta' as const };
    const out = new Float32Array(audioDim(options));
    rows.forEach((row, h) => {
      window.push(row);
      audioInput(cached, h, options, out, 0);
      const want = window.vector();
      let worst = 0;
      want.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (out[i] ?? NaN)))));
      expect(worst).toBeLessThan(1e-6);
      expect(out[want.length]).toBeCloseTo(h, 5);
    });
    expect(audioDim(options)).toBe(CONTRACT.features.window_frames * 12 + CONTEXT_SIZE);
  });

  it('takes one example every SLOW_HOPS hops, with targets and previous inputs from the right hops', () => {
    const { cached } = song(30);
    const hops = slowHops(cached);
    expect(hops[0]).toBe(2 * SLOW_HOPS - 1);
    expect(hops.every((h, i) => i === 0 || h - (hops[i - 1] ?? 0) === SLOW_HOPS)).toBe(true);
    const set = buildExamples([cached], { windowFrames: 10, order: 'none' });
    expect(set.count).toBe(hops.length);
    hops.forEach((h, n) => {
      expect(set.section[n]).toBe(h % 8);
      expect(set.hazard[n * 5 + 1]).toBe((h + 1) % 2);
      // The last context column of the current and the previous slow step.
      expect(set.audio[(n + 1) * set.audioDim - CONTEXT_SIZE]).toBeCloseTo(h, 5);
      expect(set.audioPrev[(n + 1) * set.audioDim - CONTEXT_SIZE]).toBeCloseTo(h - SLOW_HOPS, 5);
    });
  });
});
