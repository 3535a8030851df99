import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvalSet, CREATED_BY } from '../../src/data/build-eval-set.js';
import type { BuildEvalSetResult } from '../../src/data/build-eval-set.js';
import { findMidiTools } from '../../src/data/midi-render.js';
import { readWav } from '../../src/data/wav.js';
import { loadTrackSet, trackAudioPath } from '../../src/eval/track-set.js';

const tools = await findMidiTools();
const haveMidi = !('missing' in tools);
const dir = mkdtempSync(join(tmpdir(), 'fs-eval-set-'));
const lines: string[] = [];
const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) };
const PICK = ['breakdown-124', 'seven-eight-186', 'mma-jazz54'];
const options = { set: 'test-set', seconds: 10, outDir: dir, log, filter: (id: string) => PICK.some((p) => id.startsWith(p)) };

let first: BuildEvalSetResult;
beforeAll(async () => {
  first = await buildEvalSet(options);
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('buildEvalSet', () => {
  it('writes a manifest in the evaluation format, with clean and room variants', async () => {
    const set = await loadTrackSet(first.manifestPath);
    expect(first.manifestPath).toBe(join(dir, 'manifest.json'));
    expect(set.manifest.set).toBe('test-set');
    expect(set.manifest.created_by).toBe(CREATED_BY);
    const ids = set.manifest.tracks.map((t) => t.id);
    expect(ids).toContain('breakdown-124-clean-s900016');
    expect(ids).toContain('breakdown-124-room-s900016');
    expect(ids).toHaveLength(haveMidi ? 6 : 4);
    for (const track of set.manifest.tracks) {
      const wav = await readWav(trackAudioPath(set, track));
      expect(wav.sampleRate).toBe(48000);
      expect(wav.samples.length).toBe(Math.round(track.duration * 48000));
      expect(track.generator.hash).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('records the truth: 7/8 positions, the breakdown event, and room parameters', async () => {
    const { manifest } = await loadTrackSet(first.manifestPath);
    const seven = manifest.tracks.find((t) => t.id === 'seven-eight-186-clean-s900008');
    expect(seven?.beats.map((b) => b.position).slice(0, 15)).toEqual([1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7, 1]);
    const clean = manifest.tracks.find((t) => t.id === 'breakdown-124-clean-s900016');
    const room = manifest.tracks.find((t) => t.id === 'breakdown-124-room-s900016');
    expect(clean?.events.map((e) => e.kind)).toEqual(['drums_stop']);
    expect(room?.beats).toEqual(clean?.beats);
    expect(room?.variant).toBe('room');
    expect(room?.generator.clean_id).toBe('breakdown-124-clean-s900016');
    expect(room?.generator.room).toMatchObject({ snrDb: 10, micLowHz: 150, micHighHz: 6000 });
  });

  it.skipIf(!haveMidi)('takes MMA truth from the MIDI, shifted by the measured synthesiser latency', async () => {
    const { manifest } = await loadTrackSet(first.manifestPath);
    const song = manifest.tracks.find((t) => t.id === 'mma-jazz54-144-clean-s901005');
    const latency = song?.generator.synth_latency as { offset: number } | undefined;
    expect(latency?.offset).toBeGreaterThan(0);
    expect(latency?.offset).toBeLessThan(0.01);
    expect(song?.beats[0]?.time).toBeCloseTo(latency?.offset ?? NaN, 9);
    expect(song?.beats[1]?.time).toBeCloseTo((latency?.offset ?? NaN) + 60 / 144, 5);
    expect(song?.beats.slice(0, 6).map((b) => b.position)).toEqual([1, 2, 3, 4, 5, 1]);
    expect(first.latency.FluidR3_GM?.offset).toBeCloseTo(latency?.offset ?? NaN, 12);
  });

  it('reuses every track on a second build, and rebuilds only a track whose spec hash changed', async () => {
    const before = readFileSync(first.manifestPath, 'utf8');
    const again = await buildEvalSet(options);
    expect(again.built).toBe(0);
    expect(again.reused).toBe(first.built + first.reused);
    expect(readFileSync(first.manifestPath, 'utf8')).toBe(before);

    const sidecar = join(dir, 'seven-eight-186-room-s900008.truth.json');
    const entry = JSON.parse(readFileSync(sidecar, 'utf8')) as { generator: { hash: string } };
    entry.generator.hash = 'stale';
    writeFileSync(sidecar, JSON.stringify(entry));
    const third = await buildEvalSet(options);
    expect(third.built).toBe(1);
    expect(readFileSync(first.manifestPath, 'utf8')).toBe(before);
    expect(lines.some((l) => l.includes('seven-eight-186-clean-s900008 (+ room): cached'))).toBe(true);
  });
});
