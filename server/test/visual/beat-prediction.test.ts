import { describe, expect, it } from 'vitest';
import { predictBeat, renderServerTime } from '../../src/core/clock/beat-prediction.js';
import type { BeatState } from '../../src/core/state/slow-state.js';

const SPB = 0.48; // 125 BPM
const WALL = 1_700_000_000_000;
const beat = (over: Partial<BeatState> = {}): BeatState => ({
  bpm: 60 / SPB,
  spb: SPB,
  phase: 0.25,
  beat_in_bar: 2,
  beats_per_bar: 4,
  bar_phase: (1 + 0.25) / 4,
  beat_count: 41,
  bar_count: 10,
  conf: 0.8,
  downbeat_prob: 0.1,
  ...over,
});

describe('predictBeat', () => {
  it('is the state itself at the state time', () => {
    const p = predictBeat(beat(), WALL, WALL);
    expect(p.phase).toBeCloseTo(0.25, 12);
    expect(p.beatCount).toBe(41);
    expect(p.beatInBar).toBe(2);
    expect(p.barCount).toBe(10);
    expect(p.barPhase).toBeCloseTo(1.25 / 4, 12);
    expect(p.beats).toBeCloseTo(41.25, 12);
  });

  it('advances the phase at 1/spb per second', () => {
    const p = predictBeat(beat(), WALL, WALL + 0.25 * SPB * 1000);
    expect(p.phase).toBeCloseTo(0.5, 12);
    expect(p.beatCount).toBe(41);
  });

  it('wraps at the beat and counts it, and at the bar end starts the next bar', () => {
    const p = predictBeat(beat({ phase: 0.9 }), WALL, WALL + 0.2 * SPB * 1000);
    expect(p.phase).toBeCloseTo(0.1, 9);
    expect(p.beatCount).toBe(42);
    expect(p.beatInBar).toBe(3);
    const bar = predictBeat(beat({ phase: 0.9, beat_in_bar: 4 }), WALL, WALL + 0.2 * SPB * 1000);
    expect(bar.beatInBar).toBe(1);
    expect(bar.barCount).toBe(11);
    expect(bar.barPhase).toBeCloseTo(0.1 / 4, 9);
  });

  it('keeps the held tempo through a minute without states', () => {
    const p = predictBeat(beat({ phase: 0 }), WALL, WALL + 60_000);
    expect(p.beats).toBeCloseTo(41 + 60 / SPB, 9);
    expect(p.beatCount).toBe(41 + Math.floor(60 / SPB));
    expect(p.barCount).toBe(10 + Math.floor((1 + Math.floor(60 / SPB)) / 4));
  });

  it('extrapolates backwards for a render time before the state', () => {
    const p = predictBeat(beat({ phase: 0.1, beat_in_bar: 1 }), WALL, WALL - 0.2 * SPB * 1000);
    expect(p.phase).toBeCloseTo(0.9, 9);
    expect(p.beatCount).toBe(40);
    expect(p.beatInBar).toBe(4);
    expect(p.barCount).toBe(9);
  });

  it('moves continuously: no step larger than one frame of phase over ten seconds at 60 FPS', () => {
    let previous = predictBeat(beat(), WALL, WALL).beats;
    for (let ms = 1000 / 60; ms < 10_000; ms += 1000 / 60) {
      const b = predictBeat(beat(), WALL, WALL + ms).beats;
      // Epoch milliseconds near 1.7e12 resolve to about 0.24 µs, hence 5e-6 beats (2.4 µs) of tolerance.
      expect(b - previous).toBeCloseTo(1 / 60 / SPB, 5);
      previous = b;
    }
  });

  it('names a bad spb, meter or time', () => {
    expect(() => predictBeat(beat({ spb: 0 }), WALL, WALL)).toThrow(/beat.spb must be a positive number of seconds, got 0/);
    expect(() => predictBeat(beat({ beats_per_bar: 0 }), WALL, WALL)).toThrow(/beats_per_bar must be a positive integer, got 0/);
    expect(() => predictBeat(beat(), Number.NaN, WALL)).toThrow(/finite times in ms, got wall NaN/);
  });
});

describe('latency compensation', () => {
  it('renders ahead by the projector lag and behind by a deliberate offset', () => {
    expect(renderServerTime(1000, 250, 40, 0)).toBe(1290);
    expect(renderServerTime(1000, 250, 40, 15)).toBe(1275);
  });

  it('makes two displays with different clocks and lags show the same phase at the same wall time', () => {
    // The light of a frame drawn at client time t leaves the lens at t + latency; both must show the music of wall time W.
    const state = beat();
    const W = WALL + 1234.5; // server clock
    const displays = [
      { skew: 0, latency: 0 },
      { skew: 5000, latency: 80 },
      { skew: -731.25, latency: 35 },
    ];
    const phases = displays.map(({ skew, latency }) => {
      const offset = -skew; // server = client + offset
      const drawnAt = W - latency + skew; // client time of the frame whose light lands at W
      return predictBeat(state, WALL, renderServerTime(drawnAt, offset, latency, 0)).phase;
    });
    for (const p of phases) expect(p).toBeCloseTo(phases[0] ?? Number.NaN, 9);
    // Without the compensation the lagging display would be latency/spb of a beat late.
    const uncompensated = predictBeat(state, WALL, renderServerTime(W - 80 + 5000, -5000, 0, 0)).phase;
    expect((phases[0] ?? 0) - uncompensated).toBeCloseTo(0.08 / SPB, 9);
  });
});
