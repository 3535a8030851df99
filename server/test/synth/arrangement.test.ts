import { describe, expect, it } from 'vitest';
import { drumPattern } from '../../src/core/synth/drum-pattern.js';
import type { DrumHit, DrumSound } from '../../src/core/synth/drum-pattern.js';
import { harmony } from '../../src/core/synth/harmony.js';
import { createPrng } from '../../src/core/synth/prng.js';
import { beatTime, buildTimeline, sectionSpans } from '../../src/core/synth/timeline.js';
import type { SectionSpan } from '../../src/core/synth/timeline.js';

const BPM = 124;
const SR = 48000;
const spans = sectionSpans();
const hits = drumPattern(spans, BPM, SR, createPrng(1));
const beatSample = (beat: number): number => Math.round(beatTime(beat, BPM) * SR);

function span(name: SectionSpan['name']): SectionSpan {
  const found = spans.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no span ${name}`);
  return found;
}

/** Hits of one sound starting within bars [fromBar, toBar). */
function hitsIn(sound: DrumSound, fromBar: number, toBar: number): DrumHit[] {
  return hits.filter((h) => h.sound === sound && h.start >= beatSample(fromBar * 4) && h.start < beatSample(toBar * 4));
}

function beatSamples(fromBar: number, toBar: number): number[] {
  return Array.from({ length: (toBar - fromBar) * 4 }, (_, i) => beatSample(fromBar * 4 + i));
}

describe('demo groove arrangement', () => {
  it('starts every hit on the sample Math.round(beatTime * sampleRate) of a 1/32-beat grid point', () => {
    for (const h of hits) {
      const beat = Math.round(((h.start / SR) * BPM * 32) / 60) / 32;
      expect(h.start, `${h.sound} at ${h.start}`).toBe(beatSample(beat));
    }
  });

  it('puts a kick on exactly every beat of the verse and the drop', () => {
    for (const name of ['verse', 'drop'] as const) {
      const { startBar, bars } = span(name);
      expect(hitsIn('kick', startBar, startBar + bars).map((h) => h.start)).toEqual(beatSamples(startBar, startBar + bars));
    }
  });

  it('brings the kick in halfway through the intro', () => {
    const { startBar, bars } = span('intro');
    expect(hitsIn('kick', startBar, startBar + bars).map((h) => h.start)).toEqual(beatSamples(startBar + bars / 2, startBar + bars));
    expect(hitsIn('closedHat', startBar, startBar + bars).length).toBe(bars * 4);
  });

  it('puts the snare on beats 2 and 4 of the verse', () => {
    const { startBar, bars } = span('verse');
    const expected = beatSamples(startBar, startBar + bars).filter((_, i) => i % 4 === 1 || i % 4 === 3);
    expect(hitsIn('snare', startBar, startBar + bars).map((h) => h.start)).toEqual(expected);
  });

  it('builds with an accelerating snare roll, one riser, and no kick in its last bar', () => {
    const { startBar, bars } = span('build');
    const perBar = Array.from({ length: bars }, (_, b) => hitsIn('snare', startBar + b, startBar + b + 1).length);
    for (let b = 1; b < bars; b++) expect(perBar[b] ?? 0).toBeGreaterThanOrEqual(perBar[b - 1] ?? Infinity);
    expect(perBar.at(-1) ?? 0).toBeGreaterThanOrEqual(8 * (perBar[0] ?? Infinity));
    expect(hitsIn('kick', startBar, startBar + bars - 1)).toHaveLength((bars - 1) * 4);
    expect(hitsIn('kick', startBar + bars - 1, startBar + bars)).toHaveLength(0);
    expect(hitsIn('sweep', startBar, startBar + bars).map((h) => h.start)).toEqual([beatSample(startBar * 4)]);
  });

  it('makes the drop denser than the verse: more hats per bar, and claps', () => {
    const verse = span('verse');
    const drop = span('drop');
    const hatsPerBar = (s: SectionSpan): number =>
      (hitsIn('closedHat', s.startBar, s.startBar + s.bars).length + hitsIn('openHat', s.startBar, s.startBar + s.bars).length) / s.bars;
    expect(hatsPerBar(drop)).toBeGreaterThan(1.5 * hatsPerBar(verse));
    expect(hitsIn('clap', drop.startBar, drop.startBar + drop.bars)).toHaveLength(drop.bars * 2);
  });

  it('has no drum hit at all in the breakdown', () => {
    const { startBar, bars } = span('breakdown');
    const from = beatSample(startBar * 4);
    const to = beatSample((startBar + bars) * 4);
    expect(hits.filter((h) => h.start >= from && h.start < to)).toHaveLength(0);
  });

  it('plays bass in every section but the intro, and a pad chord on every bar', () => {
    const { pad, bass } = harmony(spans, BPM, SR);
    const timeline = buildTimeline(BPM);
    const inSection = (start: number, name: string): boolean => {
      const s = timeline.sections.find((q) => q.name === name);
      return s !== undefined && start >= Math.round(s.start * SR) && start < Math.round(s.end * SR);
    };
    expect(bass.filter((n) => inSection(n.start, 'intro'))).toHaveLength(0);
    for (const name of ['verse', 'build', 'drop', 'breakdown']) expect(bass.some((n) => inSection(n.start, name))).toBe(true);
    const barStarts = new Set(pad.map((n) => n.start));
    expect([...barStarts]).toEqual(Array.from({ length: 56 }, (_, bar) => beatSample(bar * 4)));
  });
});
