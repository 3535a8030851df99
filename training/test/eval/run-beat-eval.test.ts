import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAubio } from '../../src/eval/aubio.js';
import type { PositionedBeat } from '../../src/eval/beat-metrics.js';
import { formatReport } from '../../src/eval/report-table.js';
import { evaluateTracker, reportToJson, type BeatEvalReport } from '../../src/eval/run-beat-eval.js';
import type { BeatTracker } from '../../src/eval/system.js';
import { loadTrackSet, trackAudioPath, type TrackSet } from '../../src/eval/track-set.js';
import { writeClickSet } from './click-set.js';

const aubio = await findAubio();
const dir = mkdtempSync(join(tmpdir(), 'fs-beat-eval-'));
let set: TrackSet;

beforeAll(async () => {
  set = await loadTrackSet(writeClickSet(dir));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Test fixture, not a tracker: answers each WAV with its own ground truth moved by `shift` seconds,
 * so the runner's bookkeeping can be checked against numbers known in advance.
 */
function groundTruthEcho(shift = 0): BeatTracker {
  return (wavPath) => {
    const track = set.manifest.tracks.find((t) => trackAudioPath(set, t) === wavPath);
    if (track === undefined) return Promise.reject(new Error(`no track for ${wavPath}`));
    return Promise.resolve(track.beats.map((b): PositionedBeat => ({ time: b.time + shift, position: b.position })));
  };
}

/** A wall clock that advances 0.25 s per reading, so each track takes 0.25 s. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 0.25);
}

function system(report: BeatEvalReport, name: string): BeatEvalReport['systems'][number] {
  const found = report.systems.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no system ${name} in the report`);
  return found;
}

describe('evaluateTracker on a generated click set', () => {
  it('gives perfect scores, per track, style and variant, and the real-time factor from the injected clock', async () => {
    const report = await evaluateTracker(set, groundTruthEcho(), { compareWithAubio: false, now: steppingClock(), trackerName: 'echo' });
    expect(report.systems).toHaveLength(1);
    const echo = system(report, 'echo');
    expect(echo.tracks.map((t) => t.id)).toEqual(['click-120-4-4', 'click-96-to-128-3-4']);
    for (const t of echo.tracks) {
      expect(t.fMeasure).toBeCloseTo(1, 12);
      expect(t.cmlt).toBeCloseTo(1, 12);
      expect(t.amlt).toBeCloseTo(1, 12);
      expect(t.downbeatF).toBeCloseTo(1, 12);
      expect(t.lockOn).toBeCloseTo(0.5, 12);
      expect(t.wallSeconds).toBeCloseTo(0.25, 12);
    }
    expect(echo.tracks[0]?.meter).toEqual({ truth: 4, detected: 4 });
    expect(echo.tracks[1]?.meter).toEqual({ truth: 3, detected: 3 });
    expect(echo.tracks[1]?.relocks).toEqual([{ kind: 'tempo_change', time: 11.75, beatsPerBar: 3, bars: 0 }]);
    expect(echo.aggregate.realTimeFactor).toBeCloseTo((24 + 26) / 0.5, 9);
    expect(echo.aggregate.relockMax).toBe(0);
    expect(Object.keys(echo.byStyle)).toEqual(['four-on-the-floor', 'tempo-change']);
    expect(echo.byVariant.clean?.tracks).toBe(2);
    expect(report.floors.every((f) => f.pass === true)).toBe(true);
  });

  it('scores a tracker 150 ms late (over 17.5 % of every beat here) as F 0, never locked, failing the floors; JSON writes never as null', async () => {
    const report = await evaluateTracker(set, groundTruthEcho(0.15), { compareWithAubio: false });
    const a = system(report, 'tracker').aggregate;
    expect(a.fMeasure).toBe(0);
    expect(a.cmlt).toBe(0);
    expect(a.lockOnMedian).toBe(Number.POSITIVE_INFINITY);
    expect(a.relockMax).toBe(Number.POSITIVE_INFINITY);
    expect(report.floors.find((f) => f.check === 'beat F')?.pass).toBe(false);
    const json = JSON.parse(reportToJson(report)) as { systems: { aggregate: { lockOnMedian: unknown } }[] };
    expect(json.systems[0]?.aggregate.lockOnMedian).toBeNull();
    expect(formatReport(report)).toMatch(/\| tracker \| 0\.000 \| 0\.000 \| .* \| never \| never \/ never \(1\) \|/);
  });

  it('names the system and track when a tracker fails or returns bad beats, and a missing WAV', async () => {
    const boom: BeatTracker = () => Promise.reject(new Error('boom'));
    await expect(evaluateTracker(set, boom, { compareWithAubio: false })).rejects.toThrow('tracker on track "click-120-4-4": boom');
    const unsorted: BeatTracker = () => Promise.resolve([{ time: 2, position: 1 }, { time: 1, position: 2 }]);
    await expect(evaluateTracker(set, unsorted, { compareWithAubio: false })).rejects.toThrow(/tracker on track "click-120-4-4": beat times\[1\] is 1 after/);
    const badPosition: BeatTracker = () => Promise.resolve([{ time: 1, position: 0 }]);
    await expect(evaluateTracker(set, badPosition, { compareWithAubio: false })).rejects.toThrow(/beats\[0\]\.position is 0/);
    const moved: TrackSet = { ...set, dir: join(dir, 'elsewhere') };
    await expect(evaluateTracker(moved, groundTruthEcho(), { compareWithAubio: false })).rejects.toThrow(/track "click-120-4-4": audio file .*elsewhere\/audio\/click-120-4-4\.wav .*does not exist/);
  });

  it('notes when aubio is asked for but its binary is missing', async () => {
    const report = await evaluateTracker(set, groundTruthEcho(), { aubioBinary: 'aubio-binary-that-is-not-installed' });
    expect(report.systems.map((s) => s.name)).toEqual(['tracker']);
    expect(report.notes.join(' ')).toMatch(/aubio is not installed/);
  });

  it.skipIf(aubio === null)('runs aubio on the same tracks beside the tracker (skipped only when aubio-tools is not installed)', async () => {
    const report = await evaluateTracker(set, groundTruthEcho(), { trackerName: 'echo' });
    const ref = system(report, 'aubio');
    expect(ref.version).toMatch(/aubio version/);
    expect(ref.givesDownbeats).toBe(false);
    expect(ref.aggregate.downbeatF).toBeNull();
    expect(ref.aggregate.meterAccuracy).toBeNull();
    // aubio finds most clicks (its numbers on this set are in the report), and the echo beats it on every metric.
    expect(ref.aggregate.fMeasure).toBeGreaterThan(0.5);
    expect(ref.aggregate.fMeasure).toBeLessThanOrEqual(1);
    expect(ref.tracks.every((t) => t.detections > 0)).toBe(true);
    const table = formatReport(report);
    expect(table).toMatch(/\| aubio \(aubio version [\d.]+\) \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| n\/a \| unknown \|/);
  });
});
