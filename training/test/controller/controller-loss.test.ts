import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_SIZE } from '@fractalsync/server/core/models/structure-context';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { loadSongs } from '../../src/anticipator/feature-store.js';
import type { CachedSong } from '../../src/anticipator/feature-store.js';
import { featureCacheDir } from '../../src/anticipator/song-features.js';
import { sequenceBatch } from '../../src/controller/controller-data.js';
import { controllerLoss, tableTensors } from '../../src/controller/controller-loss.js';
import { createControllerNet } from '../../src/controller/controller-net.js';
import { visualTables } from '../../src/controller/visual-tables.js';
import { writeTinySet } from '../anticipator/tiny-set.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-controller-loss-'));
let songs: CachedSong[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
  const manifest = writeTinySet(dir, 3, 50);
  songs = await loadSongs(manifest, 'train', featureCacheDir(manifest), { info: () => undefined });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const inputs = { windowFrames: 10, order: 'none' as const };

describe('controller sequences and loss', () => {
  it('stage 2 sequences hold anticipator probabilities that sum to 1, hazards in [0, 1]', () => {
    const predicted = new Float32Array(50 * 13).map((_, i) => (i % 13 < 8 ? 1 / 8 : 0.3));
    const batch = sequenceBatch(songs.map((song) => ({ song, predicted })), 4, { inputs, steps: 6, mode: 'predictions', hazardDropout: 0.5, probNoise: 0.05 }, createPrng(2));
    for (const step of batch.steps) {
      for (let b = 0; b < 4; b++) {
        const probs = Array.from(step.structure.subarray(b * 13, b * 13 + 8));
        expect(probs.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 5);
        const hazard = Array.from(step.structure.subarray(b * 13 + 8, b * 13 + 13));
        expect(hazard.every((h) => Math.abs(h) < 1e-9 || Math.abs(h - 0.3) < 1e-6)).toBe(true);
      }
    }
  });

  it("draws the orbit at the daemon's orbit beat position and shows the controller that position's phase", () => {
    const batch = sequenceBatch(songs.map((song) => ({ song })), 3, { inputs, steps: 5, mode: 'labels', hazardDropout: 0, probNoise: 0 }, createPrng(4));
    for (const step of batch.steps) {
      for (let b = 0; b < 3; b++) {
        const orbitBeats = step.beats[b] ?? Number.NaN;
        // The tiny set's orbit stands a quarter of a beat behind its tracker (hop h: h·1024/48000/0.5 beats).
        const hop = Math.round(((orbitBeats + 0.25) * 0.5 * 48000) / 1024);
        expect(orbitBeats).toBeCloseTo((hop * 1024) / 48000 / 0.5 - 0.25, 4);
        expect(step.beat[b * 5]).toBeCloseTo(Math.sin(2 * Math.PI * orbitBeats), 4);
        expect(step.beat[b * 5 + 1]).toBeCloseTo(Math.cos(2 * Math.PI * orbitBeats), 4);
        expect(step.beat[b * 5 + 2]).toBeCloseTo(Math.log(0.5), 6);
      }
    }
  });

  it('refuses stage 2 for a song without anticipator predictions, naming it', () => {
    expect(() => sequenceBatch(songs.map((song) => ({ song })), 2, { inputs, steps: 4, mode: 'predictions', hazardDropout: 0, probNoise: 0 }, createPrng(1))).toThrow(/song tiny-\d has no anticipator predictions/);
  });

  it('gives a finite loss with a gradient reaching every weight through the unrolled orbit', () => {
    // Window (60) + structure context + orbit state (3), identity normalisation.
    const dim = 60 + CONTEXT_SIZE + 3;
    const full = { audioDim: dim, hidden: 6, windowFrames: 10, order: 'none' as const, mean: Array.from({ length: dim }, () => 0), invStd: Array.from({ length: dim }, () => 1) };
    const params = createControllerNet(full, 9);
    const tables = tableTensors(visualTables({ size: 8 }));
    const batch = sequenceBatch(songs.map((song) => ({ song })), 4, { inputs, steps: 8, mode: 'labels', hazardDropout: 0, probNoise: 0 }, createPrng(3));
    const { value, grads } = tf.variableGrads(() => controllerLoss(params, full, tables, batch, 1024 / 48000));
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    for (const [name, g] of Object.entries(grads)) {
      const values = Array.from(g.dataSync());
      expect(values.every(Number.isFinite), name).toBe(true);
      expect(values.some((v) => Math.abs(v) > 0), name).toBe(true);
    }
  });
});
