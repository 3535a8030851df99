import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTrackSet, parseTrackSet, trackAudioPath, type GroundTruthTrack, type TrackSetManifest } from '../../src/eval/track-set.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-track-set-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function track(over: Partial<GroundTruthTrack> = {}): GroundTruthTrack {
  return {
    id: 'house-124-clean-s3',
    audio: 'audio/house.wav',
    sample_rate: 48000,
    duration: 4,
    style: 'four-on-the-floor',
    variant: 'clean',
    beats: [0.5, 1, 1.5, 2, 2.5].map((time, k) => ({ time, position: (k % 4) + 1 })),
    events: [{ time: 2, kind: 'tempo_change' }],
    generator: { seed: 3, bpm: 124 },
    ...over,
  };
}

function manifest(tracks: unknown[]): unknown {
  return { set: 'v1', created_by: 'test', tracks };
}

/** Writes JSON text to a file in the temp folder and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('track set manifest', () => {
  it('loads a valid manifest and resolves audio relative to its folder', async () => {
    const path = file('good.json', JSON.stringify(manifest([track(), track({ id: 'b', variant: 'room', events: [] })])));
    const set = await loadTrackSet(path);
    expect(set.manifest.set).toBe('v1');
    expect(set.manifest.tracks).toHaveLength(2);
    expect(set.manifest.tracks[1]?.variant).toBe('room');
    const first = set.manifest.tracks[0];
    if (first === undefined) throw new Error('no first track');
    expect(trackAudioPath(set, first)).toBe(join(dir, 'audio/house.wav'));
  });

  it('names a missing file and bad JSON', async () => {
    await expect(loadTrackSet(join(dir, 'absent.json'))).rejects.toThrow(/cannot read track set manifest .*absent\.json/);
    await expect(loadTrackSet(file('bad.json', '{ "set": '))).rejects.toThrow(/bad\.json is not valid JSON/);
  });

  it('names the track and the field for a wrong type or a missing field', () => {
    const bad = manifest([track(), { ...track({ id: 'second' }), beats: [{ time: '1.0', position: 1 }] }]);
    expect(() => parseTrackSet(bad, 'm.json')).toThrow(/m\.json: track "second" \(tracks\[1\]\) field beats\[0\]\.time: .*expected number/);
    const { style: _style, ...noStyle } = track({ id: 'nostyle' });
    expect(() => parseTrackSet(manifest([noStyle]), 'm.json')).toThrow(/track "nostyle" \(tracks\[0\]\) field style/);
    expect(() => parseTrackSet(manifest([track({ variant: 'studio' as 'clean' })]), 'm.json')).toThrow(/field variant/);
    expect(() => parseTrackSet(manifest([{ ...track(), events: [{ time: 1, kind: 'drop' }] }]), 'm.json')).toThrow(/field events\[0\]\.kind/);
    expect(() => parseTrackSet(manifest([{ ...track(), id: 7 }]), 'm.json')).toThrow(/track tracks\[0\] field id/);
  });

  it('rejects a manifest without tracks or without a set name', () => {
    expect(() => parseTrackSet(manifest([]), 'm.json')).toThrow(/m\.json: field tracks/);
    expect(() => parseTrackSet({ created_by: 'x', tracks: [track()] }, 'm.json')).toThrow(/field set/);
    expect(() => parseTrackSet([], 'm.json')).toThrow(/m\.json: field \(root\)/);
  });

  it('rejects what the schema cannot express, naming track and field', () => {
    const name = /track "house-124-clean-s3" \(tracks\[0\]\)/;
    const check = (t: GroundTruthTrack, message: RegExp): void => {
      expect(() => parseTrackSet(manifest([t]), 'm.json')).toThrow(name);
      expect(() => parseTrackSet(manifest([t]), 'm.json')).toThrow(message);
    };
    check(track({ beats: [{ time: 1, position: 1 }, { time: 0.5, position: 2 }] }), /field beats\[1\]\.time: 0.5 is not after beats\[0\]\.time 1/);
    check(track({ beats: [{ time: 1, position: 1 }, { time: 1.5, position: 3 }] }), /field beats\[1\]\.position: 3 follows 1/);
    check(track({ beats: [{ time: 1, position: 1 }, { time: 5, position: 2 }] }), /field beats\[1\]\.time: 5 is after the track's duration 4/);
    check(track({ beats: [{ time: 1, position: 1 }] }), /field beats: has 1 beats/);
    check(track({ events: [{ time: 3, kind: 'drums_stop' }, { time: 2, kind: 'breakdown_end' }] }), /field events\[1\]\.time: 2 is before events\[0\]\.time 3/);
    check(track({ events: [{ time: 9, kind: 'drums_stop' }] }), /field events\[0\]\.time: 9 is after the track's duration/);
    check(track({ audio: '/abs/x.wav' }), /field audio: "\/abs\/x\.wav" is absolute/);
  });

  it('rejects duplicate ids, naming both tracks', () => {
    const m = manifest([track(), track({ variant: 'room' })]);
    expect(() => parseTrackSet(m, 'm.json')).toThrow(/track "house-124-clean-s3" \(tracks\[1\]\) field id: .*already used by tracks\[0\]/);
  });

  it('accepts a pickup bar and a meter change', () => {
    const positions = [3, 4, 1, 2, 3, 1, 2, 3];
    const m: TrackSetManifest = { set: 'v1', created_by: 't', tracks: [track({ beats: positions.map((position, k) => ({ time: 0.25 + k * 0.4, position })) })] };
    expect(parseTrackSet(m, 'm.json').tracks[0]?.beats).toHaveLength(8);
  });
});
