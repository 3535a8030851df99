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
 * A breakdown in a room, through the real path: the generator's four-on-the-floor breakdown (drums out for eight
 * bars, pads on) with its room variant (reverb, crowd noise at 10 dB SNR, a narrow microphone), the shipped beat
 * network stepped through HopProcessor, and the evaluation's own scoring. The track is from a development copy
 * that no setting was chosen on (copy 7 of the development plan, seed 100136; dev-v2 holds copies 1-5).
 */
const ID = 'breakdown-114-clean-s100136';
const dir = mkdtempSync(join(tmpdir(), 'fs-room-breakdown-'));
let room: GroundTruthTrack;
let set: Awaited<ReturnType<typeof loadTrackSet>>;

beforeAll(async () => {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const built = await buildEvalSet({ set: 'room-breakdown', seconds: 30, outDir: dir, log: silent, plan: 'dev', devCopies: 7, filter: (id) => id === ID });
  set = await loadTrackSet(built.manifestPath);
  const found = set.manifest.tracks.find((t) => t.variant === 'room');
  if (found === undefined) throw new Error(`${ID}: no room variant was built`);
  room = found;
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function score(options: BeatTrackerOptions): Promise<TrackScores> {
  const system = await learnedSystem(DEFAULT_BEAT_MODEL, options);
  try {
    return scoreTrack(room, await system.track(trackAudioPath(set, room)), 0);
  } finally {
    await system.close();
  }
}

describe('a breakdown in a room', () => {
  it('does not let a pulse found in the pads and crowd drag the clock: it re-locks within two bars of the drums', async () => {
    const gated = await score({});
    const relock = gated.relocks.find((r) => r.kind === 'breakdown_end');
    expect(relock?.bars).toBeLessThanOrEqual(2);
    expect(gated.fMeasure).toBeGreaterThan(0.85);
    // The same tracker with the on-beat contrast never lowering trust follows the breakdown's false pulse, and
    // has not found the drums again by the end of the track.
    const ungated = await score({ contrast: { floor: 1 } });
    expect(ungated.relocks.find((r) => r.kind === 'breakdown_end')?.bars).toBeGreaterThan(2);
    expect(ungated.fMeasure).toBeLessThan(gated.fMeasure - 0.2);
  }, 60_000);
});
