import { describe, expect, it } from 'vitest';
import { BeatClock, type ClockTarget } from '../../src/core/beat/beat-clock.js';

const FPS = 48000 / 1024;
const DT = 1 / FPS;

/** Runs the clock for `seconds` against a pulse of `spb` whose beats fall at whole multiples of spb; `reading` restates it per hop. */
function run(clock: BeatClock, seconds: number, spb: number, reading: (hop: number, phase: number) => ClockTarget, from = 0): { hop: number; t: number }[] {
  const hops: { hop: number; t: number }[] = [];
  for (let hop = Math.round(from * FPS); hop < Math.round((from + seconds) * FPS); hop++) {
    const t = (hop + 1) * DT;
    const phase = t / spb - Math.floor(t / spb);
    clock.advance(t, DT, reading(hop, phase));
    hops.push({ hop, t });
  }
  return hops;
}

/** The clock's phase error against the pulse at time t, in beats, wrapped to [-0.5, 0.5). */
function phaseError(clock: BeatClock, t: number, spb: number): number {
  const e = clock.phase - t / spb;
  return e - Math.round(e);
}

describe('beat clock', () => {
  const spb = 60 / 140;

  it('holds its tempo and phase when the reading swings between the pulse and half its tempo', () => {
    const clock = new BeatClock();
    run(clock, 3, spb, (_, phase) => ({ spb, phase, trust: 1 }));
    expect(clock.spb).toBeCloseTo(spb, 3);
    // Every other hop block of 0.5 s, the reading is the same pulse at 70 BPM: one reading beat is two clock beats.
    run(clock, 20, spb, (hop, phase) => {
      const t = (hop + 1) * DT;
      const half = (t / (2 * spb)) % 1;
      return Math.floor(hop / 23) % 2 === 0 ? { spb, phase, trust: 1 } : { spb: 2 * spb, phase: half, trust: 1 };
    }, 3);
    expect(Math.abs(clock.spb / spb - 1)).toBeLessThan(0.01);
    expect(Math.abs(phaseError(clock, 23 * 1, spb))).toBeLessThan(0.05);
  });

  it('holds its tempo when the reading swings to double its tempo, keeping to its own beats', () => {
    const slow = 60 / 80;
    const clock = new BeatClock();
    run(clock, 3, slow, (_, phase) => ({ spb: slow, phase, trust: 1 }));
    run(clock, 20, slow, (hop, phase) => {
      const t = (hop + 1) * DT;
      const double = (t / (slow / 2)) % 1;
      return Math.floor(hop / 23) % 2 === 0 ? { spb: slow, phase, trust: 1 } : { spb: slow / 2, phase: double, trust: 1 };
    }, 3);
    expect(Math.abs(clock.spb / slow - 1)).toBeLessThan(0.01);
    expect(Math.abs(phaseError(clock, 23, slow))).toBeLessThan(0.05);
  });

  it('still re-acquires when another tempo lasts (a new song), octave or not', () => {
    const clock = new BeatClock();
    run(clock, 3, spb, (_, phase) => ({ spb, phase, trust: 1 }));
    const half = 2 * spb;
    run(clock, 4, half, (_, phase) => ({ spb: half, phase, trust: 1 }), 3);
    expect(clock.spb).toBeCloseTo(half, 2);
  });

  it('acquires (locks on to the reading) only when the independent tempo estimate agrees', () => {
    const other = 1.3 * spb;
    // Before a lock the clock follows each reading outright, so a second tempo is taken at once...
    const doubting = new BeatClock();
    doubting.advance(DT, DT, { spb, phase: 0.5, trust: 1, agrees: false });
    expect(Math.abs(doubting.spb / spb - 1)).toBeLessThan(0.0021);
    doubting.advance(2 * DT, DT, { spb: other, phase: 0.5, trust: 1, agrees: false });
    expect(Math.abs(doubting.spb / other - 1)).toBeLessThan(0.0021);
    // ...while a locked clock moves only by the loop's bounded pull (at most 0.2 % per hop).
    for (const agrees of [true, undefined]) {
      const locked = new BeatClock();
      locked.advance(DT, DT, { spb, phase: 0.5, trust: 1, ...(agrees === undefined ? {} : { agrees }) });
      expect(Math.abs(locked.spb / spb - 1)).toBeLessThan(0.0021);
      locked.advance(2 * DT, DT, { spb: other, phase: 0.5, trust: 1, agrees: true });
      expect(Math.abs(locked.spb / spb - 1)).toBeLessThan(0.0042);
    }
  });

  it('before a lock, ticks at its initial tempo while the reading is below followTrust, then follows it', () => {
    const initial = BeatClock.getDefaults().initialSpb;
    const followTrust = BeatClock.getDefaults().followTrust;
    const clock = new BeatClock();
    run(clock, 1, spb, (_, phase) => ({ spb, phase, trust: followTrust * 0.9, agrees: false }));
    expect(clock.spb).toBe(initial);
    const hops = run(clock, 1, spb, (_, phase) => ({ spb, phase, trust: followTrust * 1.1, agrees: false }), 1);
    expect(clock.spb).toBeCloseTo(spb, 9);
    expect(Math.abs(phaseError(clock, hops.at(-1)?.t ?? 0, spb))).toBeLessThan(1e-9);
  });

  it('following a reading whose phase stands still, still advances and beats at no less than half its tempo', () => {
    const clock = new BeatClock();
    const beats: number[] = [];
    let t = 0;
    for (let hop = 0; hop < 4 * FPS; hop++) {
      t += DT;
      beats.push(...clock.advance(t, DT, { spb, phase: 0, trust: 0.3, agrees: false }));
    }
    const gaps = beats.slice(1).map((b, i) => b - (beats[i] ?? 0));
    expect(beats.length).toBeGreaterThanOrEqual(Math.floor(4 / (2 * spb)) - 1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * spb + DT);
  });

  it('times every beat inside the hop in which its phase wrapped, even after a step', () => {
    // A reading just past its beat at a much slower tempo: the clock steps forward past its own beat at once, and
    // the interpolated time (0.03 s ago at the new tempo) would fall before the hop began.
    const clock = new BeatClock();
    clock.set(0.3, 0.9);
    const t = 5;
    const beats = clock.advance(t, DT, { spb: 1, phase: 0.03, trust: 1, agrees: false });
    expect(beats).toHaveLength(1);
    expect(beats[0]).toBeGreaterThanOrEqual(t - DT);
    expect(beats[0]).toBeLessThanOrEqual(t);
  });

  it('acquires the nearer way: a reading just behind the clock moves it back within the beat, not a beat on', () => {
    const clock = new BeatClock();
    // Free-running at 120 BPM, phase 0.05 at the first hop.
    clock.set(0.5, 0.05 - DT / 0.5);
    const beats = clock.advance(DT, DT, { spb, phase: 0.98, trust: 1 });
    expect(beats).toEqual([]);
    expect(clock.beatCount).toBe(0);
    expect(clock.phase).toBeLessThan(0.05);
  });

  it('never leaves the 55-215 BPM range, whatever a confident reading says', () => {
    const clock = new BeatClock();
    run(clock, 3, 60 / 60, (_, phase) => ({ spb: 60 / 60, phase, trust: 1 }));
    // A reading at 0.43 of the clock's tempo (no octave of it) for a long time: the loop pulls, the range holds.
    run(clock, 20, 60 / 26, (_, phase) => ({ spb: 60 / 26, phase, trust: 1, agrees: false }), 3);
    expect(clock.spb).toBeLessThanOrEqual(60 / 55 + 1e-9);
    const fast = new BeatClock();
    run(fast, 3, 60 / 200, (_, phase) => ({ spb: 60 / 200, phase, trust: 1 }));
    run(fast, 20, 60 / 460, (_, phase) => ({ spb: 60 / 460, phase, trust: 1, agrees: false }), 3);
    expect(fast.spb).toBeGreaterThanOrEqual(60 / 215 - 1e-9);
  });
});
