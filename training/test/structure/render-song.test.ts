import { describe, expect, test } from 'vitest';
import { renderSong } from '../../src/structure/render-song.js';
import type { SongSpec } from '../../src/structure/render-song.js';
import { drawStyle } from '../../src/structure/section-style.js';

// A fixed draw sequence, so the styles are the defaults of each label (rng = 0.99: no optional drums, no fills).
const rng = (): number => 0.99;
const spec: SongSpec = {
  seed: 300_123,
  template: 'test',
  sampleRate: 48000,
  duration: 15,
  startOffset: 0.25,
  bpm: 120,
  beatsPerBar: 4,
  swing: 0.5,
  families: { plain: 'backbeat', dense: 'four-on-the-floor' },
  tonality: { key: 2, mode: 'minor' },
  sections: (['intro', 'verse', 'silence', 'chorus', 'outro'] as const).map((label) => ({ label, bars: 1, style: drawStyle(label, rng) })),
};

function rms(audio: Float32Array, from: number, to: number): number {
  let sum = 0;
  const a = Math.round(from * 48000);
  const b = Math.round(to * 48000);
  for (let i = a; i < b; i++) sum += (audio[i] ?? 0) ** 2;
  return Math.sqrt(sum / (b - a));
}

describe('renderSong', () => {
  const song = renderSong(spec);

  test('sections start on bar lines of the grid, silence follows the form', () => {
    // 2 s bars from 0.25 s: intro from 0 (the lead-in belongs to it), verse 2.25, silence 4.25, chorus 6.25, outro 8.25, end 10.25.
    const starts = song.spans.map((s) => s.start);
    const expected = [0, 2.25, 4.25, 6.25, 8.25, 10.25];
    expect(starts.length).toBe(expected.length);
    starts.forEach((s, i) => {
      expect(s).toBeCloseTo(expected[i] ?? -1, 9);
    });
    expect(song.spans.map((s) => s.label)).toEqual(['intro', 'verse', 'silence', 'chorus', 'outro', 'silence']);
    expect(song.beats[0]?.time).toBeCloseTo(0.25, 9);
    expect(song.beats.length).toBe(30);
  });

  test('sections differ in level the way the styles say: chorus loudest, silence silent', () => {
    const level = (from: number): number => rms(song.audio, from + 0.05, from + 1.95);
    const [intro, verse, silence, chorus] = [level(0.25), level(2.25), level(4.25), level(6.25)];
    expect(chorus).toBeGreaterThan(verse);
    expect(verse).toBeGreaterThan(intro);
    expect(silence).toBeLessThan(1e-6);
    expect(rms(song.audio, 10.3, 15)).toBeLessThan(1e-6);
  });

  test('the same spec renders the same samples', () => {
    const again = renderSong(spec);
    expect(Buffer.from(again.audio.buffer).equals(Buffer.from(song.audio.buffer))).toBe(true);
  });
});
