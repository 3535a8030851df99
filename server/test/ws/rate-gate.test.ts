import { describe, expect, it } from 'vitest';
import { RateGate } from '../../src/outputs/ws/rate-gate.js';

function taken(gate: RateGate, from: number, count: number): number[] {
  const hops: number[] = [];
  for (let hop = from; hop < from + count; hop++) if (gate.take(hop)) hops.push(hop);
  return hops;
}

describe('RateGate', () => {
  it('passes every hop without a rate and at the full hop rate', () => {
    expect(taken(new RateGate(null), 0, 100)).toHaveLength(100);
    expect(taken(new RateGate(46.875), 0, 100)).toHaveLength(100);
  });

  it('10 Hz takes 100 of 469 hops (10 s), evenly: gaps of 4 or 5 hops', () => {
    const hops = taken(new RateGate(10), 0, 469);
    expect(hops).toHaveLength(100);
    const gaps = hops.slice(1).map((h, i) => h - (hops[i] ?? 0));
    expect(new Set(gaps)).toEqual(new Set([4, 5]));
  });

  it('1 Hz takes one hop per 46.875 hops, also from an arbitrary start hop', () => {
    expect(taken(new RateGate(1), 0, 469)).toHaveLength(10);
    expect(taken(new RateGate(1), 100_000, 938).length).toBeGreaterThanOrEqual(20);
    expect(taken(new RateGate(1), 100_000, 938).length).toBeLessThanOrEqual(21);
  });

  it('never passes the same hop twice, and passes a hop index that restarts', () => {
    const gate = new RateGate(null);
    expect(gate.take(5)).toBe(true);
    expect(gate.take(5)).toBe(false);
    expect(gate.take(0)).toBe(true);
  });

  it('a new rate takes effect at the next hop', () => {
    const gate = new RateGate(1);
    expect(gate.take(0)).toBe(true);
    expect(gate.take(1)).toBe(false);
    gate.setRate(null);
    expect(gate.rate).toBeNull();
    expect(gate.take(2)).toBe(true);
    expect(gate.take(3)).toBe(true);
  });
});
