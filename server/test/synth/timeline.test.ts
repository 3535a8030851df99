import contract from '@fractalsync/config/model_contract.v1.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { DemoGroove } from '../../src/core/synth/demo-groove.js';
import { buildTimeline, SECTION_PLAN, TOTAL_BARS } from '../../src/core/synth/timeline.js';

const TIME_TOL = 1e-9;

describe('demo groove timeline', () => {
  it('is a 56-bar song of 90 to 120 s at the default 124 BPM', () => {
    const { timeline } = new DemoGroove();
    expect(TOTAL_BARS).toBe(56);
    expect(timeline.bpm).toBe(124);
    expect(timeline.beatsPerBar).toBe(4);
    expect(Math.abs(timeline.duration - (56 * 4 * 60) / 124)).toBeLessThan(TIME_TOL);
    expect(timeline.duration).toBeGreaterThan(90);
    expect(timeline.duration).toBeLessThan(120);
  });

  for (const bpm of [124, 90, 174.5]) {
    it(`lists every beat of one pass on the exact grid n * 60 / bpm at ${bpm} BPM`, () => {
      const { beats } = buildTimeline(bpm);
      expect(beats).toHaveLength(TOTAL_BARS * 4);
      beats.forEach((beat, n) => {
        expect(Math.abs(beat.time - (n * 60) / bpm)).toBeLessThan(TIME_TOL);
        expect(beat.position).toBe((n % 4) + 1);
        expect(beat.bar).toBe(Math.floor(n / 4));
      });
    });
  }

  it('has one downbeat (position 1) every 4 beats, one per bar', () => {
    const { beats } = new DemoGroove().timeline;
    const downbeats = beats.flatMap((b, n) => (b.position === 1 ? [n] : []));
    expect(downbeats).toHaveLength(TOTAL_BARS);
    downbeats.forEach((n, bar) => {
      expect(n).toBe(bar * 4);
    });
  });

  it('has contiguous sections covering the whole pass, on bar lines, with the planned bar counts', () => {
    const { sections, duration, bpm } = new DemoGroove().timeline;
    const barSeconds = (4 * 60) / bpm;
    expect(sections.map((s) => s.name)).toEqual(['intro', 'verse', 'build', 'drop', 'breakdown']);
    expect(Math.abs(sections[0]?.start ?? NaN)).toBeLessThan(TIME_TOL);
    expect(Math.abs((sections.at(-1)?.end ?? NaN) - duration)).toBeLessThan(TIME_TOL);
    sections.forEach((s, i) => {
      if (i > 0) expect(Math.abs(s.start - (sections[i - 1]?.end ?? NaN))).toBeLessThan(TIME_TOL);
      const bars = (s.end - s.start) / barSeconds;
      expect(Math.abs(bars - (SECTION_PLAN[i]?.bars ?? NaN))).toBeLessThan(1e-9);
    });
    expect(SECTION_PLAN.map((s) => s.bars)).toEqual([8, 16, 8, 16, 8]);
  });

  it('maps each section to its contract label, and every label is one the contract defines', () => {
    const { sections } = new DemoGroove().timeline;
    expect(sections.map((s) => [s.name, s.label])).toEqual([
      ['intro', 'intro'],
      ['verse', 'verse'],
      ['build', 'pre-chorus'],
      ['drop', 'chorus'],
      ['breakdown', 'bridge'],
    ]);
    const labels: readonly string[] = contract.sections;
    for (const s of sections) expect(labels).toContain(s.label);
  });

  it('gives one pass a whole number of samples: the rounded duration', () => {
    for (const sampleRate of [48000, 44100]) {
      const groove = new DemoGroove({ sampleRate });
      expect(groove.lengthSamples).toBe(Math.round(groove.timeline.duration * sampleRate));
    }
  });

  it('is frozen, so shared ground truth cannot be changed by a consumer', () => {
    const { timeline } = new DemoGroove();
    const beat = timeline.beats[0];
    expect(beat).toBeDefined();
    expect(() => {
      if (beat !== undefined) beat.time = 1;
    }).toThrow(TypeError);
    expect(() => timeline.sections.pop()).toThrow(TypeError);
  });
});
