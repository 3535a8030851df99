import { describe, expect, it } from 'vitest';
import { TickScheduler } from '../../src/outputs/midi/tick-scheduler.js';
import { simulate, SyntheticBeat, ticksOf, type Sent } from './sim.js';

const TOL = 1e-6; // ms: on a steady synthetic clock the ticks sit on the grid to rounding

/** Ticks falling in each beat window [beat - latency - half a tick, next beat - latency - half a tick). */
function ticksPerBeat(ticks: number[], beat: SyntheticBeat, latencyMs: number, fromBeat: number, toBeat: number): number[] {
  const counts: number[] = [];
  for (let b = fromBeat; b < toBeat; b++) {
    const half = (beat.timeOf(b + 1) - beat.timeOf(b)) / 48;
    const lo = beat.timeOf(b) - latencyMs - half;
    const hi = beat.timeOf(b + 1) - latencyMs - half;
    counts.push(ticks.filter((t) => t >= lo && t < hi).length);
  }
  return counts;
}

describe('tick scheduler: steady tempo', () => {
  for (const bpm of [120, 174]) {
    it(`sends exactly 24 ticks per beat on the ideal grid at ${bpm} BPM`, () => {
      const beat = new SyntheticBeat([{ from: 0, bpm }]);
      const ticks = ticksOf(simulate(beat, 0, 11_000));
      const beats = Math.floor((bpm * 8) / 60);
      expect(ticksPerBeat(ticks, beat, 0, 10, 10 + beats)).toEqual(new Array<number>(beats).fill(24));
      const nominal = 60000 / bpm / 24;
      for (let i = 1; i < ticks.length; i++) expect(Math.abs((ticks[i] ?? 0) - (ticks[i - 1] ?? 0) - nominal)).toBeLessThan(1e-6);
      // Every tick on the grid: tick k of beat b at the time of beat position b + k/24.
      for (const t of ticks.slice(0, 200)) {
        const pos = beat.position(t) * 24;
        expect(Math.abs(pos - Math.round(pos))).toBeLessThan(1e-6);
      }
    });
  }

  it('sends every tick latency_ms early', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    const ticks = ticksOf(simulate(beat, 35, 6000));
    expect(ticks.length).toBeGreaterThan(200);
    for (const t of ticks) {
      const pos = beat.position(t + 35) * 24;
      expect(Math.abs(pos - Math.round(pos))).toBeLessThan(1e-6);
    }
    expect(ticksPerBeat(ticks, beat, 35, 10, 17)).toEqual(new Array<number>(7).fill(24));
  });

  it('refuses a latency outside 0 to 500 ms, naming it', () => {
    expect(() => new TickScheduler({ latencyMs: -1, now: () => 0 })).toThrow('latency_ms must be 0 to 500, got -1');
    expect(() => new TickScheduler({ latencyMs: 900, now: () => 0 })).toThrow('got 900');
  });

  it('refuses a beat sample it cannot follow, naming the field', () => {
    const s = new TickScheduler({ latencyMs: 0, now: () => 0 });
    const good = { wall: 0, spb: 0.5, phase: 0.2, beatCount: 3, beatInBar: 2, beatsPerBar: 4 };
    expect(() => { s.update({ ...good, phase: 1.2 }); }).toThrow('beat phase must be in [0, 1), got 1.2');
    expect(() => { s.update({ ...good, beatInBar: 5 }); }).toThrow('beat_in_bar must be an integer 1 to 4, got 5');
    expect(() => { s.update({ ...good, spb: 0 }); }).toThrow('beat spb');
    expect(s.nextAt()).toBeUndefined();
  });
});

describe('tick scheduler: glide', () => {
  function intervals(ticks: number[]): number[] {
    return ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0));
  }

  it('glides a tempo change 120 -> 128 BPM without bursts or gaps, then locks to the new grid', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }, { from: 3010, bpm: 128 }]);
    const ticks = ticksOf(simulate(beat, 0, 9000));
    const slow = 500 / 24;
    const fast = 60000 / 128 / 24;
    for (const d of intervals(ticks)) {
      expect(d).toBeGreaterThan(0.5 * fast);
      expect(d).toBeLessThan(1.5 * slow);
    }
    // Four beats after the change the ticks are back on the new grid, 24 per beat.
    const late = ticks.filter((t) => t > 5500);
    for (const t of late) {
      const pos = beat.position(t) * 24;
      expect(Math.abs(pos - Math.round(pos)) * fast).toBeLessThan(0.01);
    }
    const b = Math.ceil(beat.position(5600));
    expect(ticksPerBeat(ticks, beat, 0, b, b + 6)).toEqual(new Array<number>(6).fill(24));
  });

  it('spreads a 15 ms phase correction over the next ticks', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    beat.nudges.push({ from: 4000, beats: 0.03 }); // 15 ms at 120 BPM
    const ticks = ticksOf(simulate(beat, 0, 7000));
    const nominal = 500 / 24;
    const around = ticks.filter((t) => t > 3900 && t < 4300);
    for (const d of intervals(around)) {
      expect(d).toBeGreaterThanOrEqual(0.75 * nominal - 1e-9);
      expect(d).toBeLessThanOrEqual(1.25 * nominal + 1e-9);
    }
    // The first tick after the nudge moves by at most a quarter of an interval, not the whole 15 ms.
    const shortest = Math.min(...intervals(around));
    expect(shortest).toBeLessThan(nominal - 1);
    for (const t of ticks.filter((x) => x > 5000)) {
      const pos = beat.position(t) * 24;
      expect(Math.abs(pos - Math.round(pos)) * nominal).toBeLessThan(0.01);
    }
  });

  it('relabels a jump of several beats by whole beats instead of slewing through them', () => {
    const beat = new SyntheticBeat([{ from: 0, bpm: 120 }]);
    beat.nudges.push({ from: 4000, beats: 2 }); // the tracker jumps two beats ahead
    const ticks = ticksOf(simulate(beat, 0, 6000));
    for (const d of intervals(ticks)) expect(Math.abs(d - 500 / 24)).toBeLessThan(TOL);
  });
});

export function bytesAt(sent: Sent[], status: number): Sent[] {
  return sent.filter((s) => s.bytes[0] === status);
}
