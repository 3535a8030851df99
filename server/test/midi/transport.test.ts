import { describe, expect, it } from 'vitest';
import { songPositionBytes, songPositionFor } from '../../src/outputs/midi/song-position.js';
import { simulate, SyntheticBeat, ticksOf, type Sent } from './sim.js';

const LAT = 20;
const TOL = 1e-6;
// 120 BPM from t = 1000 ms at beat 8: beat n falls at 1000 + (n - 8) * 500 ms; beat 12 is a downbeat.

function from(sent: Sent[], t: number): Sent[] {
  return sent.filter((s) => s.at >= t - TOL);
}

function expectBurst(sent: Sent[], at: number, bytes: number[][]): void {
  const burst = sent.filter((s) => Math.abs(s.at - at) < TOL);
  expect(burst.map((s) => s.bytes)).toEqual(bytes);
}

describe('MIDI transport', () => {
  it('arms Start and sends it with Song Position 0 exactly on the next downbeat, minus latency', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    const sent = simulate(beat, LAT, 6000, [{ at: 2300, command: { type: 'start' } }]);
    const starts = sent.filter((s) => s.bytes[0] === 0xfa);
    expect(starts).toHaveLength(1);
    // At 2300 ms the tracker is in beat 10 (beat 3 of its bar): the downbeat is beat 12, at 3000 ms.
    expect(starts[0]?.at).toBeCloseTo(3000 - LAT, 6);
    expect(beat.sample(3000).beatInBar).toBe(1);
    expectBurst(sent, 3000 - LAT, [[0xf2, 0, 0], [0xfa], [0xf8]]);
    // The clock ran before Start (tempo for receivers) and keeps 24 ticks per beat after it.
    expect(ticksOf(sent).filter((t) => t < 2980).length).toBeGreaterThan(24);
    const after = ticksOf(from(sent, 3000 - LAT));
    expect(after.filter((t) => t < 3500 - LAT - TOL)).toHaveLength(24);
    expect(after.filter((t) => t < 5000 - LAT - TOL)).toHaveLength(96);
  });

  it('sends Stop at once, keeps ticking, and on Continue resumes on the next beat with its Song Position', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    const sent = simulate(beat, LAT, 6000, [
      { at: 2300, command: { type: 'start' } },
      { at: 3700, command: { type: 'stop' } },
      { at: 4720, command: { type: 'continue' } },
    ]);
    const stops = sent.filter((s) => s.bytes[0] === 0xfc);
    expect(stops).toHaveLength(1);
    expect(stops[0]?.at).toBeCloseTo(3700, 6);
    expect(ticksOf(sent).filter((t) => t > 3700 && t < 4700).length).toBeGreaterThanOrEqual(47);
    // Continue at 4720 ms (in beat 15): resumes on beat 16 at 5000 ms, song beat 4, sixteenth 16.
    expect(sent.filter((s) => s.bytes[0] === 0xfb)).toHaveLength(1);
    expectBurst(sent, 5000 - LAT, [[0xf2, 16, 0], [0xfb], [0xf8]]);
  });

  it('a stop before the armed Start sends nothing and cancels it', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    const sent = simulate(beat, LAT, 5000, [
      { at: 2300, command: { type: 'start' } },
      { at: 2500, command: { type: 'stop' } },
    ]);
    expect(sent.filter((s) => s.bytes[0] !== 0xf8)).toEqual([]);
  });

  it('after a manual downbeat that moves the bar forward, sends Stop, Song Position 16 and Continue on the next beat', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    // In song beat 2 (tracker beat 14, bar 1 beat 3) the VJ moves the bar: the tracker now calls this beat 4.
    beat.barShifts.push({ from: 4100, shift: 1 });
    const sent = simulate(beat, LAT, 6000, [{ at: 2300, command: { type: 'start' } }]);
    expectBurst(sent, 4500 - LAT, [[0xfc], [0xf2, 16, 0], [0xfb], [0xf8]]);
    expect(sent.filter((s) => s.bytes[0] === 0xf2)).toHaveLength(2);
  });

  it('after a manual downbeat that moves the bar back, resumes at the nearest bar-aligned position', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    // In song beat 5 (bar 2 beat 2) the tracker now says "this is the one": it becomes song beat 4; the next is 5.
    beat.barShifts.push({ from: 5600, shift: 3 });
    const sent = simulate(beat, LAT, 7000, [{ at: 2300, command: { type: 'start' } }]);
    expectBurst(sent, 6000 - LAT, [[0xfc], [0xf2, 20, 0], [0xfb], [0xf8]]);
  });

  it('a bar moved while stopped goes out with the next Continue, not at once', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    beat.barShifts.push({ from: 4100, shift: 1 });
    const sent = simulate(beat, LAT, 6000, [
      { at: 2300, command: { type: 'start' } },
      { at: 3600, command: { type: 'stop' } },
      { at: 4700, command: { type: 'continue' } },
    ]);
    expect(sent.filter((s) => s.bytes[0] === 0xf2)).toHaveLength(2);
    // Tracker beat 15 is song beat 4 after the shift; Continue lands on beat 16 = song beat 5 = sixteenth 20.
    expectBurst(sent, 5000 - LAT, [[0xf2, 20, 0], [0xfb], [0xf8]]);
  });
});

describe('Song Position Pointer', () => {
  it('encodes 14 bits least significant first', () => {
    expect(songPositionBytes(0)).toEqual([0xf2, 0, 0]);
    expect(songPositionBytes(16)).toEqual([0xf2, 16, 0]);
    expect(songPositionBytes(300)).toEqual([0xf2, 300 & 0x7f, 300 >> 7]);
    expect(songPositionBytes(16383)).toEqual([0xf2, 0x7f, 0x7f]);
    expect(() => songPositionBytes(16384)).toThrow('song position must be a whole number 0 to 16383, got 16384');
  });

  it('counts sixteenths and wraps by whole bars past 14 bits', () => {
    expect(songPositionFor(4, 4)).toBe(16);
    expect(songPositionFor(4095, 4)).toBe(16380);
    expect(songPositionFor(4096, 4)).toBe(0);
    // 3/4: 4095 is not a bar boundary, so the wrap is 4095 beats (1365 bars) and beat 4095 is a new bar.
    expect(songPositionFor(4095, 3)).toBe(0);
    expect(songPositionFor(4097, 3)).toBe(8);
    expect(() => songPositionFor(-1, 4)).toThrow('song beat must be a whole number >= 0, got -1');
  });
});
