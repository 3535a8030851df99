import { describe, expect, it } from 'vitest';
import { ClockSync } from '../../src/core/clock/clock-sync.js';
import type { ClockSample } from '../../src/core/clock/clock-offset.js';

/** One exchange with a server `offset` ms ahead, `out` and `back` ms of one-way delay and 0.2 ms of handling. */
function exchange(t0: number, offset: number, out: number, back: number): ClockSample {
  const t1 = t0 + offset + out;
  const t2 = t1 + 0.2;
  return { t0, t1, t2, t3: t2 - offset + back };
}

describe('ClockSync', () => {
  it('has no offset before the first sample', () => {
    const sync = new ClockSync();
    expect(sync.offset).toBeNull();
    expect(sync.delay).toBeNull();
  });

  it('finds a skewed clock to within the asymmetry of its quietest exchange', () => {
    const sync = new ClockSync(16);
    // Jittery Wi-Fi: queues of up to 40 ms, one way or the other; one exchange in five is quiet.
    for (let i = 0; i < 40; i++) {
      const quiet = i % 5 === 0;
      const out = quiet ? 1.5 : 2 + ((i * 37) % 40);
      const back = quiet ? 1.7 : 2 + ((i * 53) % 25);
      sync.add(exchange(1000 + i * 120, -5000, out, back));
    }
    expect(Math.abs((sync.offset ?? 0) + 5000)).toBeLessThan(0.2);
    expect(sync.delay).toBeCloseTo(3.2, 9);
  });

  it('follows a changed clock once old samples leave the window, and starts afresh on reset', () => {
    const sync = new ClockSync(4);
    for (let i = 0; i < 4; i++) sync.add(exchange(i * 100, 100, 1, 1));
    expect(sync.offset).toBeCloseTo(100, 9);
    for (let i = 4; i < 8; i++) sync.add(exchange(i * 100, 130, 3, 3));
    expect(sync.offset).toBeCloseTo(130, 9);
    sync.reset();
    expect(sync.offset).toBeNull();
    expect(sync.samples).toBe(0);
  });

  it('refuses a bad sample with the estimator message and keeps its window', () => {
    const sync = new ClockSync();
    sync.add(exchange(0, 10, 1, 1));
    expect(() => sync.add({ t0: 10, t1: 20, t2: 21, t3: 5 })).toThrow(/t3 \(5\) is before t0 \(10\)/);
    expect(sync.samples).toBe(1);
    expect(sync.offset).toBeCloseTo(10, 9);
    expect(() => new ClockSync(0)).toThrow(/window must be a positive integer of samples, got 0/);
  });
});
