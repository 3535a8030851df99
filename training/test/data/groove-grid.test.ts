import { describe, expect, it } from 'vitest';
import { grooveGrid } from '../../src/data/groove-grid.js';
import { meter, validateGrooveSpec } from '../../src/data/groove-spec.js';
import type { GrooveSpec, Instrument } from '../../src/data/groove-spec.js';

const ALL: Instrument[] = ['kick', 'snare', 'hats', 'bass', 'pad'];

function spec(over: Partial<GrooveSpec>): GrooveSpec {
  return {
    style: 'test',
    seed: 1,
    sampleRate: 48000,
    duration: 30,
    startOffset: 0,
    tempo: [{ time: 0, bpm: 120 }],
    swing: 0.5,
    family: 'backbeat',
    sections: [{ bars: 999, meter: meter(4), instruments: ALL }],
    ...over,
  };
}

describe('grooveGrid', () => {
  it('gives 7/8 positions 1..7 with a downbeat every 7 beats', () => {
    const grid = grooveGrid(spec({ tempo: [{ time: 0, bpm: 200 }], sections: [{ bars: 999, meter: meter(7, 8), instruments: ALL }] }));
    expect(grid.beats.length).toBe(100); // 30 s at 200 BPM
    grid.beats.forEach((beat, n) => {
      expect(beat.position).toBe((n % 7) + 1);
    });
    expect(meter(7, 8).groups).toEqual([2, 2, 3]);
  });

  it('starts beat 0 at the start offset and keeps every beat inside the track', () => {
    const grid = grooveGrid(spec({ startOffset: 0.37, duration: 10 }));
    expect(grid.beats[0]?.time).toBeCloseTo(0.37, 12);
    expect(grid.beats[0]?.position).toBe(1);
    expect(grid.beats.length).toBe(20); // 0.37 + 19 * 0.5 = 9.87 < 10; the next would be 10.37
    expect(grid.beats.at(-1)?.time).toBeLessThan(10);
  });

  it('changes meter 4/4 -> 3/4 at the right bar and reports it', () => {
    const grid = grooveGrid(
      spec({
        startOffset: 0.25,
        sections: [
          { bars: 8, meter: meter(4), instruments: ALL },
          { bars: 999, meter: meter(3), instruments: ALL },
        ],
      }),
    );
    const changeBeat = 32; // 8 bars of 4
    expect(grid.beats.slice(0, changeBeat).map((b) => b.position)).toEqual(Array.from({ length: changeBeat }, (_, n) => (n % 4) + 1));
    expect(grid.beats.slice(changeBeat, changeBeat + 9).map((b) => b.position)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
    expect(grid.events).toHaveLength(1);
    expect(grid.events[0]?.kind).toBe('meter_change');
    expect(grid.events[0]?.time).toBeCloseTo(0.25 + changeBeat * 0.5, 12);
    expect(grid.bars[8]?.meter.beats).toBe(3);
  });

  it('reports drums stopping and returning around a breakdown', () => {
    const grid = grooveGrid(
      spec({
        sections: [
          { bars: 4, meter: meter(4), instruments: ALL },
          { bars: 8, meter: meter(4), instruments: ['bass', 'pad'] },
          { bars: 999, meter: meter(4), instruments: ALL },
        ],
      }),
    );
    expect(grid.events.map((e) => e.kind)).toEqual(['drums_stop', 'breakdown_end']);
    expect(grid.events[0]?.time).toBeCloseTo(16 * 0.5, 12);
    expect(grid.events[1]?.time).toBeCloseTo(48 * 0.5, 12);
  });

  it('reports the start and end of a tempo ramp', () => {
    const grid = grooveGrid(
      spec({
        tempo: [
          { time: 0, bpm: 120 },
          { time: 4, bpm: 120 },
          { time: 20, bpm: 128 },
        ],
      }),
    );
    expect(grid.events.map((e) => e.kind)).toEqual(['tempo_change', 'tempo_change']);
    expect(grid.events[0]?.time).toBeCloseTo(4, 12);
    expect(grid.events[1]?.time).toBeCloseTo(20, 12);
  });
});

describe('validateGrooveSpec', () => {
  it('names the invalid field', () => {
    expect(() => {
      validateGrooveSpec(spec({ swing: 0.9 }));
    }).toThrow(/swing 0.9 is invalid/);
    expect(() => {
      validateGrooveSpec(spec({ sections: [{ bars: 4, meter: { beats: 7, unit: 8, groups: [3, 3] }, instruments: ALL }] }));
    }).toThrow(/accent groups \[3, 3\] must be positive integers summing to 7/);
    expect(() => {
      validateGrooveSpec(spec({ sections: [{ bars: 0, meter: meter(4), instruments: ALL }] }));
    }).toThrow(/section 0 bars 0 is invalid/);
    expect(() => {
      validateGrooveSpec(spec({ startOffset: 31 }));
    }).toThrow(/startOffset 31 is invalid/);
    expect(() => {
      validateGrooveSpec(spec({ sections: [] }));
    }).toThrow(/has no sections/);
  });
});
