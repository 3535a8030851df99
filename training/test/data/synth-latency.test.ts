import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findMidiTools } from '../../src/data/midi-render.js';
import { readMidi } from '../../src/data/midi-reader.js';
import { latencyProbeMidi, measureSynthLatency, onsetSample } from '../../src/data/synth-latency.js';

const tools = await findMidiTools();
const dir = mkdtempSync(join(tmpdir(), 'fs-latency-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('synthesiser latency', () => {
  it('finds the first sample above a fraction of the local peak', () => {
    const x = new Float32Array(1000);
    x[300] = 0.0005;
    x[400] = 0.02;
    x[401] = 1;
    expect(onsetSample(x, 0, 1000, 0.01)).toBe(400);
    expect(onsetSample(x, 0, 1000, 0.0001)).toBe(300);
    expect(onsetSample(x, 500, 1000, 0.01)).toBeUndefined();
  });

  it('probes with twelve woodblock clicks at 120 BPM', () => {
    const song = readMidi(latencyProbeMidi());
    expect(song.noteCount).toBe(12);
    expect(song.tempos).toEqual([{ tick: 0, microsPerQuarter: 500000 }]);
  });

  it.skipIf('missing' in tools)('measures fluidsynth a few milliseconds late, with about a millisecond of spread', async () => {
    const latency = await measureSynthLatency('TimGM6mb', dir, 48000);
    expect(latency.clicks).toBe(12);
    expect(latency.offset).toBeGreaterThan(0);
    expect(latency.offset).toBeLessThan(0.01);
    expect(latency.max - latency.min).toBeLessThan(0.003);
  });
});
