import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadSongs } from '../../src/anticipator/feature-store.js';
import { featureCacheDir, songFeatures } from '../../src/anticipator/song-features.js';
import { readWav } from '../../src/data/wav.js';
import { learnedSystem } from '../../src/eval/learned-tracker.js';
import { buildStructureSet } from '../../src/structure/build-structure-set.js';
import { trackerVersion, DAEMON_BEAT_MODEL } from '../../src/structure/daemon-tracker.js';
import type { StructureLabels } from '../../src/structure/build-structure-set.js';
import { uniformThresholds } from '@fractalsync/server/core/models/boundary-alarm';
import { HAZARD_HORIZONS } from '../../src/structure/section-labels.js';
import { baselinePredictions, hazardPrior, scoreStructure } from '../../src/structure/score-structure.js';
import type { SongTruth } from '../../src/structure/score-structure.js';
import { sectionIndex } from '../../src/structure/section-labels.js';

const dirs: string[] = [];
const log = { info: (): void => undefined, warn: (): void => undefined };
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function build(): Promise<{ dir: string; result: Awaited<ReturnType<typeof buildStructureSet>> }> {
  const dir = await mkdtemp(join(tmpdir(), 'fs-structure-'));
  dirs.push(dir);
  const result = await buildStructureSet({ set: 'test', outDir: dir, train: 1, heldout: 1, maxSeconds: 9, compact: true, log });
  return { dir, result };
}

const fileHash = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');

describe('structure set build', () => {
  test('writes WAVs, labels and a manifest; a rebuild elsewhere gives identical files', async () => {
    const a = await build();
    const b = await build();
    const songs = a.result.manifest.songs;
    expect(songs.map((s) => s.split)).toEqual(['train', 'heldout']);
    for (const s of songs) {
      expect(await fileHash(join(a.dir, s.audio))).toBe(s.sha256);
      expect(await fileHash(join(b.dir, s.audio))).toBe(s.sha256);
      expect(await fileHash(join(b.dir, s.labels))).toBe(s.labels_sha256);
    }
    expect(a.result.manifest.label_source).toMatch(/BeatTracker on the shipped beat activation model/);
    expect(a.result.manifest.tracker_sha256).toBe(trackerVersion());
    expect(JSON.stringify(b.result.manifest)).toBe(JSON.stringify(a.result.manifest));

    // Per-hop labels: one row per hop, every hazard array nested by horizon, the narrower horizon never wider.
    const labels = JSON.parse(await readFile(join(a.dir, songs[0]?.labels ?? ''), 'utf8')) as StructureLabels;
    expect(labels.hops).toBe(Math.floor((9 * 48000) / 1024));
    expect(labels.section.length).toBe(labels.hops);
    for (const kind of ['tracker', 'grid'] as const) {
      const h = labels.hazard[kind];
      expect(h.length).toBe(5);
      for (let i = 0; i < labels.hops; i++) for (let j = 1; j < 5; j++) expect(h[j]?.[i] ?? 0).toBeGreaterThanOrEqual(h[j - 1]?.[i] ?? 0);
    }
    expect(labels.boundaries.length).toBeGreaterThan(0);
    expect(labels.beats.tracker.length).toBeGreaterThan(5);
    // The section changes at each boundary.
    for (const t of labels.boundaries) {
      const hop = Math.ceil(t * labels.fps) - 1;
      expect(labels.section[hop + 1]).not.toBe(labels.section[hop - 1]);
    }
    // Hazards are counted on the daemon's own tracker (the learned activation's beats, not the DSP tracker's),
    // over the file as written: the beats the evaluation's learned tracker finds in the WAV, to the bit.
    const learned = await learnedSystem(DAEMON_BEAT_MODEL);
    try {
      const beats = await learned.track(join(a.dir, songs[0]?.audio ?? ''));
      expect(labels.beats.tracker).toEqual(beats.times);
    } finally {
      await learned.close();
    }
    // The build's tracker pass also filled the models' feature cache, with what the features' own path computes.
    const computed: string[] = [];
    const cached = await loadSongs(a.result.manifestPath, 'train', featureCacheDir(a.result.manifestPath), { info: (msg) => computed.push(msg) });
    expect(computed).toEqual([]);
    const fresh = await songFeatures((await readWav(join(a.dir, songs[0]?.audio ?? ''))).samples);
    expect(cached[0]?.hops).toBe(fresh.hops);
    expect(Buffer.from(cached[0]?.data.buffer ?? new ArrayBuffer(0)).equals(Buffer.from(fresh.data.buffer))).toBe(true);
    // The second build found nothing cached in its fresh directory; a third into the same one reuses both songs.
    expect(b.result.built).toBe(2);
    const again = await buildStructureSet({ set: 'test', outDir: a.dir, train: 1, heldout: 1, maxSeconds: 9, compact: true, log });
    expect(again.built).toBe(0);

    // Scoring: the labels themselves are perfect predictions; the baseline is always "verse" with the prior.
    const truths: SongTruth[] = await Promise.all(
      songs.map(async (s) => {
        const l = JSON.parse(await readFile(join(a.dir, s.labels), 'utf8')) as StructureLabels;
        return { id: s.id, fps: l.fps, section: l.section, hazard: l.hazard.tracker, beatsAhead: l.beats_to_boundary.tracker, boundaries: l.boundaries };
      }),
    );
    const perfect = truths.map((t) => ({ id: t.id, section: t.section, hazard: t.section.map((_, i) => t.hazard.map((h) => h[i] ?? 0)) }));
    const best = scoreStructure('labels', truths, perfect, uniformThresholds(HAZARD_HORIZONS));
    expect(best.sectionAccuracy).toBeCloseTo(1, 12);
    expect(best.auc[2]).toBeCloseTo(1, 12);
    expect(best.brier[2]).toBeCloseTo(0, 12);
    expect(best.events.falseAlarms).toBe(0);
    expect(best.events.announced).toBe(best.events.boundaries);
    const prior = hazardPrior(truths.slice(0, 1));
    const base = scoreStructure('baseline', truths, baselinePredictions(truths, prior), uniformThresholds(HAZARD_HORIZONS));
    const verse = truths.flatMap((t) => t.section).filter((s) => s === sectionIndex('verse')).length / base.hops;
    expect(base.sectionAccuracy).toBeCloseTo(verse, 12);
    expect(base.auc[2]).toBeCloseTo(0.5, 12);
  }, 60_000);
});
