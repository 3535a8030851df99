import { describe, expect, it } from 'vitest';
import { estimateClockOffset, sampleOffset } from '../../src/core/clock/clock-offset.js';

describe('sampleOffset', () => {
  it('recovers a known offset from a symmetric exchange', () => {
    // Server clock is 1000 ms ahead; 10 ms each way; 2 ms of server processing.
    const s = sampleOffset({ t0: 0, t1: 1010, t2: 1012, t3: 22 });
    expect(s.offset).toBeCloseTo(1000, 9);
    expect(s.delay).toBeCloseTo(20, 9);
  });

  it('is off by half the asymmetry when the paths differ', () => {
    // 4 ms out, 16 ms back, true offset -50.
    const s = sampleOffset({ t0: 100, t1: 54, t2: 54, t3: 120 });
    expect(s.delay).toBeCloseTo(20, 9);
    expect(s.offset).toBeCloseTo(-50 - 6, 9);
  });
});

describe('estimateClockOffset', () => {
  it('chooses the sample with the smallest round-trip delay', () => {
    const samples = [
      { t0: 0, t1: 530, t2: 531, t3: 101 }, // delay 100, queued on the way out
      { t0: 200, t1: 703, t2: 704, t3: 210 }, // delay 9: trusted
      { t0: 400, t1: 950, t2: 951, t3: 500 }, // delay 99
    ];
    const est = estimateClockOffset(samples);
    expect(est.index).toBe(1);
    expect(est.delay).toBeCloseTo(9, 9);
    expect(est.offset).toBeCloseTo(498.5, 9);
  });

  it('keeps the first of equal-delay samples', () => {
    const est = estimateClockOffset([
      { t0: 0, t1: 5, t2: 5, t3: 10 },
      { t0: 20, t1: 30, t2: 30, t3: 30 },
    ]);
    expect(est.index).toBe(0);
    expect(est.offset).toBeCloseTo(0, 9);
  });

  it('refuses an empty list', () => {
    expect(() => estimateClockOffset([])).toThrow(/at least one ping\/pong sample, got none/);
  });

  it('names a non-finite field and its sample', () => {
    expect(() => estimateClockOffset([{ t0: 0, t1: 1, t2: 1, t3: 2 }, { t0: 0, t1: Number.NaN, t2: 1, t3: 2 }])).toThrow(
      /clock sample 1: t1 must be a finite number of milliseconds, got NaN/,
    );
  });

  it('refuses clocks that run backwards', () => {
    expect(() => estimateClockOffset([{ t0: 10, t1: 1, t2: 1, t3: 5 }])).toThrow(/t3 \(5\) is before t0 \(10\)/);
    expect(() => estimateClockOffset([{ t0: 0, t1: 8, t2: 3, t3: 5 }])).toThrow(/t2 \(3\) is before t1 \(8\)/);
  });
});
