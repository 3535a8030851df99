import { describe, expect, it } from 'vitest';
import { EventTrack, wrapTails } from '../../src/core/synth/event-track.js';
import type { TimedEvent } from '../../src/core/synth/event-track.js';
import { createPrng, hashSeed } from '../../src/core/synth/prng.js';
import { envelopeAt, toneNote } from '../../src/core/synth/voices/tone.js';

describe('prng', () => {
  it('repeats for a seed, stays in [0, 1), and is roughly uniform', () => {
    const a = createPrng(9);
    const b = createPrng(9);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = a();
      expect(v).toBe(b());
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('gives different streams for different seeds and salts', () => {
    expect(createPrng(1)()).not.toBe(createPrng(2)());
    expect(hashSeed(1, 1)).not.toBe(hashSeed(1, 2));
    expect(hashSeed(1, 1)).not.toBe(hashSeed(2, 1));
  });
});

describe('EventTrack', () => {
  const rng = createPrng(3);
  const events: TimedEvent[] = Array.from({ length: 300 }, () => {
    const start = Math.floor(rng() * 10000) - 500;
    return { start, end: start + 1 + Math.floor(rng() * (rng() < 0.1 ? 3000 : 100)) };
  });
  const track = new EventTrack(events);

  it('finds exactly the events overlapping a range, with the overlapping part', () => {
    for (let trial = 0; trial < 500; trial++) {
      const from = Math.floor(rng() * 11000) - 600;
      const to = from + 1 + Math.floor(rng() * 800);
      const found: string[] = [];
      track.forEachActive(from, to, (e, lo, hi) => {
        expect(lo).toBe(Math.max(from, e.start));
        expect(hi).toBe(Math.min(to, e.end));
        found.push(`${e.start}-${e.end}`);
      });
      const expected = events.filter((e) => e.start < to && e.end > from).map((e) => `${e.start}-${e.end}`);
      expect(found.sort()).toEqual(expected.sort());
    }
  });

  it('wraps only the tails that ring past the end of the pass, one pass earlier', () => {
    const wrapped = wrapTails(
      [
        { start: 10, end: 20 },
        { start: 90, end: 100 },
        { start: 95, end: 130 },
      ],
      100,
    );
    expect(wrapped).toEqual([
      { start: -5, end: 30 },
      { start: 10, end: 20 },
      { start: 90, end: 100 },
      { start: 95, end: 130 },
    ]);
  });
});

describe('tone envelope', () => {
  const note = toneNote({ start: 1000, freq: 110, gain: 1, brightness: 0, attack: 100, hold: 1000, release: 200, decay: Infinity });

  it('rises from 0, holds at 1, and releases to exactly 0 at the note end', () => {
    expect(note.end).toBe(2200);
    expect(envelopeAt(note, 0)).toBe(0);
    expect(Math.abs(envelopeAt(note, 50) - 0.5)).toBeLessThan(1e-12);
    expect(Math.abs(envelopeAt(note, 500) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(envelopeAt(note, 1100) - 0.5)).toBeLessThan(1e-12);
    expect(envelopeAt(note, 1200)).toBe(0);
  });

  it('decays while held when the note is a pluck', () => {
    const pluck = { ...note, decay: 100 };
    expect(Math.abs(envelopeAt(pluck, 500) - Math.exp(-5))).toBeLessThan(1e-12);
  });
});
