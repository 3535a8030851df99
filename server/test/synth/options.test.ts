import { describe, expect, it } from 'vitest';
import { DemoGroove } from '../../src/core/synth/demo-groove.js';

describe('demo groove options', () => {
  it('defaults to seed 1, 124 BPM, 48 kHz, as a fresh object each time', () => {
    const defaults = DemoGroove.getDefaults();
    expect(defaults).toStrictEqual({ seed: 1, bpm: 124, sampleRate: 48000 });
    defaults.bpm = 90;
    expect(DemoGroove.getDefaults().bpm).toBe(124);
  });

  it('uses the defaults for options left out or undefined', () => {
    const groove = new DemoGroove({ bpm: undefined });
    expect(groove.timeline.bpm).toBe(124);
    expect(groove.sampleRate).toBe(48000);
  });

  it('honours the tempo and rate it is given', () => {
    const groove = new DemoGroove({ bpm: 140, sampleRate: 44100 });
    expect(groove.timeline.bpm).toBe(140);
    expect(groove.sampleRate).toBe(44100);
    expect(groove.lengthSamples).toBe(Math.round(((56 * 4 * 60) / 140) * 44100));
  });

  it.each([1.5, -1, 2 ** 32, Number.NaN])('rejects seed %s, naming it and the allowed range', (seed) => {
    expect(() => new DemoGroove({ seed })).toThrow(`seed must be an integer in [0, 4294967295], got ${seed}`);
  });

  it.each([59, 201, Number.NaN, Infinity])('rejects bpm %s, naming it and the allowed range', (bpm) => {
    expect(() => new DemoGroove({ bpm })).toThrow(`bpm must be a number in [60, 200], got ${bpm}`);
  });

  it.each([8000, 44100.5, 384000])('rejects sampleRate %s, naming it and the allowed range', (sampleRate) => {
    expect(() => new DemoGroove({ sampleRate })).toThrow(`sampleRate must be an integer in [22050, 192000] Hz, got ${sampleRate}`);
  });
});
