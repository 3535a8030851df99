import { describe, expect, it } from 'vitest';
import { BeatAlternation } from '../../src/core/beat/beat-alternation.js';

/** A clock of `period` hops a beat and an activation peaking `strong` on even beats, `weak` on odd ones, 0.05 between. */
function measure(period: number, strong: number, weak: number, beats = 40, offset = 0): BeatAlternation {
  const alternation = new BeatAlternation();
  for (let hop = 0; hop < beats * period; hop++) {
    const position = hop / period;
    const beatCount = Math.floor(position);
    const phase = position - beatCount;
    const nearest = phase < 0.5 ? beatCount : beatCount + 1;
    const atBeat = Math.min(phase, 1 - phase) * period < 0.5;
    const peak = (nearest + offset) % 2 === 0 ? strong : weak;
    alternation.add(atBeat ? peak : 0.05, phase, beatCount, period);
  }
  return alternation;
}

describe('beat alternation', () => {
  it('is the weaker parity over the stronger, and names the stronger', () => {
    const eighths = measure(17.6, 0.8, 0.36);
    expect(eighths.ratio()).toBeCloseTo(0.45, 2);
    expect(eighths.strongParity()).toBe(0);
    expect(measure(17.6, 0.8, 0.36, 40, 1).strongParity()).toBe(1);
    expect(measure(20, 0.7, 0.7).ratio()).toBeCloseTo(1, 5);
  });

  it('says nothing until each parity has four beats, and forgets on restart', () => {
    expect(measure(20, 0.8, 0.4, 7).ratio()).toBeUndefined();
    const alternation = measure(20, 0.8, 0.4);
    expect(alternation.ratio()).toBeDefined();
    alternation.restart();
    expect(alternation.ratio()).toBeUndefined();
  });

  it('names a bad setting', () => {
    expect(() => new BeatAlternation(-1)).toThrow(/reach -1 and beats 16 are invalid/);
  });
});
