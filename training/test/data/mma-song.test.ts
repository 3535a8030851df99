import { describe, expect, it } from 'vitest';
import { mmaSource, songChords, validateMmaSong } from '../../src/data/mma-song.js';
import type { MmaSongSpec } from '../../src/data/mma-song.js';

function song(over: Partial<MmaSongSpec> = {}): MmaSongSpec {
  return {
    style: 'mma:8Beat+Waltz',
    seed: 901_009,
    sampleRate: 48000,
    duration: 30,
    soundfont: 'TimGM6mb',
    tempo: 120,
    grooves: [
      { lib: 'stdlib/8beat', groove: '8Beat', fromBar: 0, beatsPerBar: 4 },
      { lib: 'stdlib/waltz', groove: 'Waltz', fromBar: 8, beatsPerBar: 3 },
    ],
    bars: 12,
    ...over,
  };
}

describe('MMA songs', () => {
  it('writes the seed, libraries, tempo, groove switch and one chord line per bar', () => {
    const lines = mmaSource(song({ ramp: { toBpm: 126, atBar: 2, overBeats: 8 } })).trimEnd().split('\n');
    expect(lines).toContain('RndSeed 901009');
    expect(lines).toContain('Use stdlib/8beat');
    expect(lines).toContain('Use stdlib/waltz');
    expect(lines).toContain('Tempo 120');
    const chordLines = lines.filter((l) => /^\d+ /.test(l));
    expect(chordLines).toHaveLength(12);
    expect(lines.indexOf('Groove 8Beat')).toBeLessThan(lines.indexOf(chordLines[0] ?? ''));
    expect(lines.indexOf('Groove Waltz')).toBe(lines.indexOf(chordLines[8] ?? '') - 1);
    expect(lines.indexOf('Tempo 126 8')).toBe(lines.indexOf(chordLines[2] ?? '') - 1);
  });

  it('draws chords from the seed: the same seed the same chords, another seed others', () => {
    expect(songChords(5, 8)).toEqual(songChords(5, 8));
    const many = new Set(Array.from({ length: 20 }, (_, s) => songChords(s, 4).join(' ')));
    expect(many.size).toBeGreaterThan(5);
    for (const chord of songChords(7, 16)) expect(chord).toMatch(/^[A-G]b?(m|7|m7|maj7)?$/);
  });

  it('rejects invalid songs, naming the problem', () => {
    expect(() => {
      validateMmaSong(song({ tempo: 500 }));
    }).toThrow(/tempo 500 is out of range/);
    expect(() => {
      validateMmaSong(song({ grooves: [{ lib: 'stdlib/waltz', groove: 'Waltz', fromBar: 2, beatsPerBar: 3 }] }));
    }).toThrow(/the first groove must start at bar 0/);
    expect(() => {
      validateMmaSong(song({ grooves: [{ lib: 'stdlib/x; rm', groove: 'X', fromBar: 0, beatsPerBar: 4 }] }));
    }).toThrow(/has characters MMA cannot take/);
    expect(() => {
      validateMmaSong(song({ ramp: { toBpm: 130, atBar: 20, overBeats: 4 } }));
    }).toThrow(/ramp at bar 20 over 4 beats is invalid/);
  });
});
