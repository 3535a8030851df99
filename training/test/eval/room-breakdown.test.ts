import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BeatTrackerOptions } from '@fractalsync/server/core/beat/beat-tracker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvalSet } from '../../src/data/build-eval-set.js';
import { DEFAULT_BEAT_MODEL } from '../../src/eval/eval-beats-command.js';
import { learnedSystem } from '../../src/eval/learned-tracker.js';
import { loadTrackSet, trackAudioPath, type GroundTruthTrack } from '../../src/eval/track-set.js';
import { scoreTrack, type TrackScores } from '../../src/eval/track-score.js';

/**
 * Breakdowns in a room, through the real path: the generator's breakdowns (drums out for eight bars, pads on; a
 * four-on-the-floor and a drum and bass one per copy) in their room variants (reverb, crowd noise at 10 dB SNR, a
 * narrow microphone), the shipped beat network stepped through HopProcessor, and the evaluation's own scoring.
 * The tracks are from development copies 6-8, outside dev-v2 (copies 1-5), where settings are chosen; they were among
 * the sixteen breakdowns consulted, beside dev-v2, when the gate's relative form was preferred to a fixed threshold.
 */
const FIRST_UNSEEN_SEED = 100_100;
const dir = mkdtempSync(join(tmpdir(), 'fs-room-breakdown-'));
let rooms: GroundTruthTrack[];
let set: Awaited<ReturnType<typeof loadTrackSet>>;

beforeAll(async () => {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const unseen = (id: string): boolean => id.startsWith('breakdown-') && Number(/-s(\d+)$/.exec(id)?.[1]) >= FIRST_UNSEEN_SEED;
  const built = await buildEvalSet({ set: 'room-breakdown', seconds: 30, outDir: dir, log: silent, plan: 'dev', devCopies: 8, filter: unseen });
  set = await loadTrackSet(built.manifestPath);
  rooms = set.manifest.tracks.filter((t) => t.variant === 'room');
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function score(options: BeatTrackerOptions): Promise<TrackScores[]> {
  const system = await learnedSystem(DEFAULT_BEAT_MODEL, options);
  try {
    const scores: TrackScores[] = [];
    for (const room of rooms) scores.push(scoreTrack(room, await system.track(trackAudioPath(set, room)), 0));
    return scores;
  } finally {
    await system.close();
  }
}

const meanF = (scores: readonly TrackScores[]): number => scores.reduce((sum, s) => sum + s.fMeasure, 0) / scores.length;
const relockBars = (s: TrackScores): number => s.relocks.find((r) => r.kind === 'breakdown_end')?.bars ?? Number.NaN;

describe('breakdowns in a room', () => {
  it('do not let a pulse found in the pads and crowd drag the clock: beats stay right and the drums are found again', async () => {
    expect(rooms).toHaveLength(6);
    const gated = await score({});
    expect(meanF(gated)).toBeGreaterThan(0.85);
    expect(gated.map(relockBars).filter((bars) => bars <= 2).length).toBeGreaterThanOrEqual(5);
    // The same tracker with the on-beat contrast never lowering trust follows the breakdowns' false pulses, and
    // its beats after them are wrong for longer: beat F 0.69 against 0.93 when measured (session 21).
    const ungated = await score({ contrast: { floor: 1 } });
    expect(meanF(ungated)).toBeLessThan(meanF(gated) - 0.15);
  }, 120_000);
});
