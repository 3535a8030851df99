import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BeatTrackerOptions } from '@fractalsync/server/core/beat/beat-tracker';
import { buildEvalSet } from '../../src/data/build-eval-set.js';
import { DEFAULT_BEAT_MODEL } from '../../src/eval/eval-beats-command.js';
import { learnedSystem } from '../../src/eval/learned-tracker.js';
import { loadTrackSet, trackAudioPath, type GroundTruthTrack, type TrackSet } from '../../src/eval/track-set.js';
import { scoreTrack, type TrackScores } from '../../src/eval/track-score.js';

/** Development copies 6-8 start at this seed: outside dev-v2 (copies 1-5), where settings are chosen. */
const FIRST_UNSEEN_SEED = 100_100;

/**
 * The tracks of development copies 6-8 whose ids start with one of `prefixes` (both variants), built into a
 * temporary folder that `remove` deletes.
 */
export async function buildUnseenDevTracks(name: string, prefixes: readonly string[]): Promise<{ set: TrackSet; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), `fs-${name}-`));
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const unseen = (id: string): boolean => prefixes.some((p) => id.startsWith(p)) && Number(/-s(\d+)$/.exec(id)?.[1]) >= FIRST_UNSEEN_SEED;
  const built = await buildEvalSet({ set: name, seconds: 30, outDir: dir, log: silent, plan: 'dev', devCopies: 8, filter: unseen });
  return { set: await loadTrackSet(built.manifestPath), remove: () => { rmSync(dir, { recursive: true, force: true }); } };
}

/** Scores `tracks` of `set` with the shipped beat network and the tracker `options`, through the real path. */
export async function scoreLearned(set: TrackSet, tracks: readonly GroundTruthTrack[], options: BeatTrackerOptions): Promise<TrackScores[]> {
  const system = await learnedSystem(DEFAULT_BEAT_MODEL, options);
  try {
    const scores: TrackScores[] = [];
    for (const track of tracks) scores.push(scoreTrack(track, await system.track(trackAudioPath(set, track)), 0));
    return scores;
  } finally {
    await system.close();
  }
}
