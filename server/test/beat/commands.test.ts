import { describe, expect, it } from 'vitest';
import { parseBeatCommand, type BeatCommand } from '../../src/core/beat/commands.js';
import { beatGrid, renderBeats } from '../support/beat-signals.js';
import { trackBeats } from '../support/track-beats.js';

/** Runs `audio`, queueing `commands` (stream time -> command) at the first hop at or after their time. */
async function withCommands(audio: Float32Array, commands: [number, BeatCommand][]) {
  const pending = [...commands];
  return trackBeats(audio, 1024, (t, _p, command) => {
    while (pending.length > 0 && (pending[0]?.[0] ?? Infinity) <= t) command(pending.shift()?.[1] ?? { type: 'tap' });
  });
}
const at = (states: { t: number; beat: { bpm: number; phase: number; beat_in_bar: number; beats_per_bar: number } }[], t: number) =>
  states.find((s) => s.t >= t) ?? { t: NaN, beat: { bpm: NaN, phase: NaN, beat_in_bar: NaN, beats_per_bar: NaN } };

describe('manual beat commands take effect on the next hop', () => {
  const silence = new Float32Array(48000 * 8);

  it('tap tempo: four taps 0.6 s apart set 100 BPM, with the beat on the last tap', async () => {
    const taps: [number, BeatCommand][] = [2, 2.6, 3.2, 3.8].map((t) => [t, { type: 'tap' }]);
    const { states } = await withCommands(silence, taps);
    const after = at(states, 3.85);
    expect(Math.abs(after.beat.bpm - 100)).toBeLessThan(1);
    expect(after.beat.phase).toBeLessThan(0.15);
    expect(Math.abs(at(states, 7).beat.bpm - 100)).toBeLessThan(1);
  });

  it('stamped taps are timed to the millisecond, not to the hop: 120 BPM exactly, beat on the last tap', async () => {
    // 0.5 s is 23.4 hops: unstamped taps can only give 23 or 24 hops per beat (122.3 or 117.2 BPM).
    const stamps = [2.003, 2.503, 3.003, 3.503];
    const taps: [number, BeatCommand][] = stamps.map((t) => [t, { type: 'tap', t }]);
    const { states } = await withCommands(silence, taps);
    const after = at(states, 3.6);
    expect(Math.abs(after.beat.bpm - 120)).toBeLessThan(0.05);
    // Phase at that hop: time since the last tap in beats.
    expect(Math.abs(after.beat.phase - (after.t - 3.503) / 0.5)).toBeLessThan(0.02);
    const unstamped = await withCommands(silence, stamps.map((t) => [t, { type: 'tap' }]));
    expect(Math.abs(at(unstamped.states, 3.6).beat.bpm - 120)).toBeGreaterThan(1);
  });

  it('nudge moves the phase by the given time', async () => {
    const plain = await withCommands(silence, []);
    const nudged = await withCommands(silence, [[4, { type: 'nudge', ms: 50 }]]);
    const a = at(plain.states, 4.1).beat;
    const b = at(nudged.states, 4.1).beat;
    const shift = (((b.phase - a.phase) % 1) + 1) % 1;
    expect(Math.abs(shift - 0.05 / (60 / a.bpm))).toBeLessThan(0.01);
  });

  it('"this is the one" makes the nearest beat the downbeat', async () => {
    const beats = beatGrid(40, () => 120, () => 4);
    const { states } = await withCommands(renderBeats(beats, 20), [[10.05, { type: 'downbeat' }]]);
    const state = at(states, 10.1).beat;
    expect(state.phase).toBeLessThan(0.5);
    expect(state.beat_in_bar).toBe(1);
    // The bar runs on from there: two beats later it is beat 3.
    expect(at(states, 11.1).beat.beat_in_bar).toBe(3);
  });

  it('tempo lock holds the tempo while the music speeds up', async () => {
    const beats = beatGrid(80, (i) => 120 + Math.min(12, i * 0.3), () => 4);
    const free = await withCommands(renderBeats(beats, 36), []);
    const locked = await withCommands(renderBeats(beats, 36), [[6, { type: 'lock', on: true }]]);
    const lockedBpm = at(locked.states, 6.1).beat.bpm;
    expect(Math.abs(at(locked.states, 34).beat.bpm - lockedBpm)).toBeLessThan(0.5);
    expect(at(free.states, 34).beat.bpm - lockedBpm).toBeGreaterThan(5);
  });

  it('x2 and ÷2 double and halve the tempo', async () => {
    const { states } = await withCommands(silence, [
      [2, { type: 'double' }],
      [4, { type: 'half' }],
      [5, { type: 'half' }],
    ]);
    const before = at(states, 1.9).beat.bpm;
    expect(at(states, 2.05).beat.bpm / before).toBeCloseTo(2, 2);
    expect(at(states, 4.05).beat.bpm / before).toBeCloseTo(1, 2);
    expect(at(states, 5.05).beat.bpm / before).toBeCloseTo(0.5, 2);
  });

  it('meter override sets the bar length, and null gives it back to the tracker', async () => {
    const beats = beatGrid(40, () => 120, () => 4);
    const { states } = await withCommands(renderBeats(beats, 20), [
      [8, { type: 'meter', beatsPerBar: 3 }],
      [14, { type: 'meter', beatsPerBar: undefined }],
    ]);
    expect(at(states, 8.05).beat.beats_per_bar).toBe(3);
    expect(at(states, 13.5).beat.beats_per_bar).toBe(3);
  });
});

describe('parseBeatCommand', () => {
  it('accepts every command and names what is wrong with a bad one', () => {
    for (const ok of [{ type: 'tap' }, { type: 'nudge', ms: -20 }, { type: 'downbeat' }, { type: 'lock', on: false }, { type: 'double' }, { type: 'half' }, { type: 'meter', beatsPerBar: 7 }, { type: 'meter', beatsPerBar: null }]) {
      expect(parseBeatCommand(ok).type).toBe(ok.type);
    }
    expect(() => parseBeatCommand({ type: 'nudge', ms: 900 })).toThrow(/nudge\.ms 900 is not allowed; expected a number from -500 to 500/);
    expect(() => parseBeatCommand({ type: 'meter', beatsPerBar: 6 })).toThrow(/meter\.beatsPerBar 6 is not allowed/);
    expect(() => parseBeatCommand({ type: 'lock' })).toThrow(/lock\.on undefined is not allowed/);
    expect(() => parseBeatCommand({ type: 'jump' })).toThrow(/beat command type "jump" is unknown/);
    expect(() => parseBeatCommand('tap')).toThrow(/must be an object/);
    expect(parseBeatCommand({ type: 'tap', t: 1.25 })).toEqual({ type: 'tap', t: 1.25 });
    expect(() => parseBeatCommand({ type: 'tap', t: 'now' })).toThrow(/tap\.t "now" is not allowed/);
  });
});
