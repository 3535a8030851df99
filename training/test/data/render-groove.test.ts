import { describe, expect, it } from 'vitest';
import { swungPosition } from '../../src/data/drum-patterns.js';
import { meter } from '../../src/data/groove-spec.js';
import type { GrooveSpec, Instrument } from '../../src/data/groove-spec.js';
import { renderGroove } from '../../src/data/render-groove.js';
import { drawTimbre } from '../../src/data/timbre.js';

const SR = 48000;
const ALL: Instrument[] = ['kick', 'snare', 'hats', 'bass', 'pad'];

function spec(over: Partial<GrooveSpec>): GrooveSpec {
  return {
    style: 'test',
    seed: 11,
    sampleRate: SR,
    duration: 12,
    startOffset: 0.3,
    tempo: [{ time: 0, bpm: 124 }],
    swing: 0.5,
    family: 'four-on-the-floor',
    sections: [{ bars: 999, meter: meter(4), instruments: ALL }],
    ...over,
  };
}

/** Onsets where the energy of the next 1 ms exceeds 30x the mean energy of the previous 5 ms (a local maximum within 20 ms). */
function energyRiseOnsets(x: Float32Array): number[] {
  const cum = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) cum[i + 1] = (cum[i] ?? 0) + (x[i] ?? 0) ** 2;
  const mean = (a: number, b: number): number => ((cum[Math.min(b, x.length)] ?? 0) - (cum[Math.max(a, 0)] ?? 0)) / (b - a);
  const ratio = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) ratio[i] = (mean(i, i + 48) + 1e-12) / (mean(i - 240, i) + 1e-12);
  const onsets: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const r = ratio[i] ?? 0;
    if (r < 30) continue;
    let isMax = true;
    for (let j = Math.max(0, i - 960); j < Math.min(x.length, i + 960) && isMax; j++) if ((ratio[j] ?? 0) > r) isMax = false;
    if (isMax && (onsets.length === 0 || i - (onsets.at(-1) ?? 0) > 960)) onsets.push(i);
  }
  return onsets;
}

function rms(x: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += (x[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

describe('renderGroove', () => {
  it('starts every kick within 1 ms of its ground-truth beat, through a tempo ramp', () => {
    const ramp = spec({
      seed: 23,
      tempo: [
        { time: 0, bpm: 118 },
        { time: 2, bpm: 118 },
        { time: 10, bpm: 131 },
      ],
      sections: [{ bars: 999, meter: meter(4), instruments: ['kick'] }],
    });
    const r = renderGroove(ramp);
    const onsets = energyRiseOnsets(r.audio);
    expect(onsets.length).toBe(r.beats.length);
    r.beats.forEach((beat, n) => {
      expect(Math.abs((onsets[n] ?? -1) / SR - beat.time)).toBeLessThan(0.001);
    });
  });

  it('plays no drums in a breakdown, and drums on both sides of it', () => {
    const r = renderGroove(
      spec({
        duration: 24,
        sections: [
          { bars: 2, meter: meter(4), instruments: ALL },
          { bars: 4, meter: meter(4), instruments: ['bass', 'pad'] },
          { bars: 999, meter: meter(4), instruments: ALL },
        ],
      }),
    );
    const stop = r.events.find((e) => e.kind === 'drums_stop')?.time ?? NaN;
    const back = r.events.find((e) => e.kind === 'breakdown_end')?.time ?? NaN;
    expect(back - stop).toBeCloseTo((16 * 60) / 124, 9);
    // The last hits before the breakdown ring out for at most 0.6 s (the longest one-shot at the lowest pitch).
    const quietFrom = Math.round((stop + 0.6) * SR);
    const quietTo = Math.round(back * SR);
    let maxDrum = 0;
    for (let i = quietFrom; i < quietTo; i++) maxDrum = Math.max(maxDrum, Math.abs(r.stems.drums[i] ?? 0));
    expect(maxDrum).toBeLessThan(1e-12);
    expect(r.hits.filter((h) => h.sample >= Math.round(stop * SR) && h.sample < quietTo)).toHaveLength(0);
    expect(rms(r.stems.drums, 0, Math.round(stop * SR))).toBeGreaterThan(0.01);
    expect(rms(r.stems.drums, quietTo, r.audio.length)).toBeGreaterThan(0.01);
    expect(rms(r.stems.bass, quietFrom, quietTo) + rms(r.stems.pad, quietFrom, quietTo)).toBeGreaterThan(0.01);
  });

  it('mixes exactly its stems, at the seeded peak level', () => {
    const r = renderGroove(spec({ family: 'drum-and-bass', tempo: [{ time: 0, bpm: 172 }] }));
    let maxErr = 0;
    let peak = 0;
    for (let i = 0; i < r.audio.length; i++) {
      const sum = (r.stems.drums[i] ?? 0) + (r.stems.bass[i] ?? 0) + (r.stems.pad[i] ?? 0);
      maxErr = Math.max(maxErr, Math.abs((r.audio[i] ?? 0) - sum));
      peak = Math.max(peak, Math.abs(r.audio[i] ?? 0));
    }
    expect(maxErr).toBeLessThan(1e-6);
    expect(peak).toBeCloseTo(r.timbre.peak, 5);
  });

  it('renders the same samples from the same spec, and other sounds (same beats) from another seed', () => {
    const s = spec({ family: 'hip-hop', swing: 0.62, tempo: [{ time: 0, bpm: 90 }] });
    const a = renderGroove(s);
    const b = renderGroove(s);
    expect(Buffer.from(a.audio.buffer).equals(Buffer.from(b.audio.buffer))).toBe(true);
    const c = renderGroove({ ...s, seed: 12 });
    expect(Buffer.from(a.audio.buffer).equals(Buffer.from(c.audio.buffer))).toBe(false);
    expect(c.beats.length).toBe(a.beats.length);
    c.beats.forEach((beat, n) => {
      expect(beat.time).toBeCloseTo(a.beats[n]?.time ?? NaN, 12);
    });
  });

  it('swings the second sixteenth of each eighth and places swung hits there', () => {
    expect(swungPosition(0.25, 0.6)).toBeCloseTo(0.3, 12);
    expect(swungPosition(2.75, 0.66)).toBeCloseTo(2.83, 12);
    expect(swungPosition(0.5, 0.66)).toBeCloseTo(0.5, 12);
    expect(swungPosition(1, 0.66)).toBeCloseTo(1, 12);
    const r = renderGroove(spec({ family: 'hip-hop', swing: 0.6, tempo: [{ time: 0, bpm: 90 }], sections: [{ bars: 999, meter: meter(4), instruments: ['kick'] }] }));
    const beat = 60 / 90;
    // The hip-hop kick's sixteenth pickups (0.75 and 2.25) sit 0.3 of a beat after an eighth, never at the straight 0.25.
    const phases = r.hits.map((h) => (((h.sample / SR - 0.3) / beat) % 0.5 + 0.5) % 0.5);
    expect(phases.some((p) => Math.abs(p - 0.3) < 0.002)).toBe(true);
    expect(phases.some((p) => Math.abs(p - 0.25) < 0.002)).toBe(false);
  });
});

describe('drawTimbre', () => {
  it('varies kick tuning, hat brightness and levels within ±6 dB by seed', () => {
    const base = drawTimbre(1);
    const timbres = Array.from({ length: 50 }, (_, s) => drawTimbre(s + 100));
    const kickRates = timbres.map((t) => t.kickRate);
    expect(Math.min(...kickRates)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...kickRates)).toBeLessThanOrEqual(1.25);
    expect(Math.max(...kickRates) - Math.min(...kickRates)).toBeGreaterThan(0.2);
    const hatLevels = timbres.map((t) => t.levels.hats);
    expect(Math.max(...hatLevels) / Math.min(...hatLevels)).toBeLessThanOrEqual(4.0001);
    expect(Math.max(...hatLevels) / Math.min(...hatLevels)).toBeGreaterThan(2);
    expect(drawTimbre(1).hatCutoff).toBeCloseTo(base.hatCutoff, 9);
    expect(drawTimbre(2).hatCutoff).not.toBeCloseTo(base.hatCutoff, 0);
  });
});
