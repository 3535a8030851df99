import { beforeAll, describe, expect, it } from 'vitest';
import { DemoGroove } from '../../src/core/synth/demo-groove.js';
import type { GrooveTimeline } from '../../src/core/synth/demo-groove.js';
import { energy, highPass, lowPass, renderFresh, section } from './helpers.js';

const SR = 48000;
let audio: Float32Array;
let timeline: GrooveTimeline;

beforeAll(() => {
  const groove = new DemoGroove();
  timeline = groove.timeline;
  audio = renderFresh({}, groove.lengthSamples);
});

function beatsIn(name: string): number[] {
  const s = section(timeline.sections, name);
  return timeline.beats.filter((b) => b.time >= s.start && b.time < s.end).map((b) => Math.round(b.time * SR));
}

/** Low-band energy in the 50 ms after each beat over that after each half-beat point: a beat-locked low thump makes it large. */
function lowBandBeatRatio(low: Float64Array, name: string): number {
  const window = Math.round(0.05 * SR);
  const half = Math.round((30 / timeline.bpm) * SR);
  let onBeat = 0;
  let between = 0;
  for (const n of beatsIn(name)) {
    onBeat += energy(low, n, n + window);
    between += energy(low, n + half, n + half + window);
  }
  return onBeat / between;
}

describe('demo groove onsets', () => {
  it.each(['verse', 'drop'])('has a kick onset on every %s beat: 20 ms after it holds far more energy than 20 ms before', (name) => {
    const window = Math.round(0.02 * SR);
    const beats = beatsIn(name);
    expect(beats.length).toBeGreaterThan(0);
    for (const n of beats) {
      const after = energy(audio, n, n + window);
      const before = energy(audio, n - window, n);
      expect(after / before, `beat at sample ${n}`).toBeGreaterThan(8);
    }
  });

  it('has no kick in the breakdown: low-band energy at its beats is not above that between them', () => {
    const low = lowPass(audio, 150, SR);
    expect(lowBandBeatRatio(low, 'breakdown')).toBeLessThan(1.2);
    // The same measure does see the drop's kicks, so the breakdown figure means something.
    expect(lowBandBeatRatio(low, 'drop')).toBeGreaterThan(2);
  });

  it('has no hats or snares in the breakdown: its energy above 5 kHz is a small fraction of the verse', () => {
    const high = highPass(audio, 5000, SR);
    const highEnergy = (name: string): number => {
      const s = section(timeline.sections, name);
      return energy(high, Math.round(s.start * SR), Math.round(s.end * SR)) / (s.end - s.start);
    };
    expect(highEnergy('breakdown')).toBeLessThan(highEnergy('verse') / 20);
  });
});
