import { describe, expect, it } from 'vitest';
import { BeatContrast } from '../../src/core/beat/beat-contrast.js';

/** Feeds `hops` hops of a beat of `period` hops, the activation given by `activation(phase, hop)`. */
function feed(contrast: BeatContrast, hops: number, period: number, activation: (phase: number, hop: number) => number): void {
  for (let hop = 0; hop < hops; hop++) {
    const phase = (hop % period) / period;
    contrast.add(activation(phase, hop), phase);
  }
}

/** A seeded uniform generator in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const HOPS_PER_SECOND = 48000 / 1024;
const groove = (phase: number): number => (phase === 0 ? 0.9 : Math.abs(phase - 0.5) < 0.03 ? 0.6 : 0.05);

/** Runs `seconds` of `activation` at a 26-hop beat through `add` and `lockedGate`; returns the gates. */
function locked(contrast: BeatContrast, seconds: number, activation: (phase: number) => number): number[] {
  const gates: number[] = [];
  for (let hop = 0; hop < seconds * HOPS_PER_SECOND; hop++) {
    const phase = (hop % 26) / 26;
    gates.push(contrast.lockedGate());
    contrast.add(activation(phase), phase);
  }
  return gates;
}

describe('beat contrast (do the onsets stand out on the believed beat?)', () => {
  it('is high for a pulse on the beat, eighth notes included', () => {
    const contrast = new BeatContrast();
    // The on-beat window (±0.08 of a 26-hop beat) spans five hops, one of them the kick: 0.22 against 0.05. The
    // hat on the half-beat is in neither window.
    feed(contrast, 400, 26, groove);
    expect(contrast.contrast).toBeGreaterThan(0.6);
  });

  it('is near zero, on average, for onsets that fall anywhere (crowd and pads)', () => {
    const contrast = new BeatContrast();
    const random = uniform(11);
    feed(contrast, 200, 26, () => (random() > 0.8 ? 0.3 + 0.5 * random() : 0.05 + 0.2 * random()));
    // A second of averages fluctuates with the noise; over a minute it centres on zero.
    let sum = 0;
    for (let hop = 0; hop < 3000; hop++) {
      const phase = (hop % 26) / 26;
      contrast.add(random() > 0.8 ? 0.3 + 0.5 * random() : 0.05 + 0.2 * random(), phase);
      sum += contrast.contrast;
    }
    expect(Math.abs(sum / 3000)).toBeLessThan(0.03);
  });

  it("shuts when the onsets stop standing out as the song's did, and opens again with the groove", () => {
    const contrast = new BeatContrast();
    const random = uniform(5);
    const floor = BeatContrast.getDefaults().floor;
    // The tracker asks for the gate only once its clock has locked, a second or two into the song.
    feed(contrast, 94, 26, groove);
    const song = contrast.contrast;
    expect(locked(contrast, 10, groove).every((g) => g === 1)).toBe(true);
    // Sixteen seconds of a room breakdown: the gate is at its floor from two seconds in to the end.
    const breakdown = locked(contrast, 16, () => 0.05 + 0.6 * random());
    expect(breakdown.slice(2 * 47).filter((g) => g === floor).length / (14 * 47)).toBeGreaterThan(0.8);
    // The breakdown moved the reference only at the shut rate: more than half the song's contrast is still its
    // reference, and the drums open the gate again within 2 s.
    expect(contrast.reference).toBeGreaterThan(0.5 * song);
    expect(locked(contrast, 2, groove).slice(-10).every((g) => g === 1)).toBe(true);
  });

  it('stays open on a song whose beat never stands out much (an MMA song in a room), and takes a new song as its own', () => {
    // On-beat 0.55 against 0.45 off: contrast 0.1 throughout, which a fixed threshold would call a breakdown.
    const weak = (phase: number): number => (Math.min(phase, 1 - phase) < 0.08 ? 0.55 : 0.45);
    const alone = new BeatContrast();
    expect(locked(alone, 20, weak).slice(47).every((g) => g === 1)).toBe(true);
    // After a clean groove the same song first reads as a drop; within a minute and a half it is the reference.
    const after = new BeatContrast();
    locked(after, 10, groove);
    const gates = locked(after, 90, weak);
    expect(gates[2 * 47]).toBe(BeatContrast.getDefaults().floor);
    expect(gates.slice(-47).every((g) => g === 1)).toBe(true);
  });

  it('names settings that cannot work', () => {
    expect(() => new BeatContrast({ onWidth: 0.2 })).toThrow(/windows onWidth 0.2, offCentre 0.25 ± 0.12 must not overlap/);
    expect(() => new BeatContrast({ dropLow: 0.6, dropHigh: 0.3 })).toThrow(/dropHigh 0.3 must be above dropLow 0.6/);
    expect(() => new BeatContrast({ floor: 2 })).toThrow(/floor 2 must be in \[0, 1\]/);
    expect(() => new BeatContrast({ hops: 0 })).toThrow(/hops 0 and referenceHops 470 must be at least 1/);
    expect(() => new BeatContrast({ shutRate: -1 })).toThrow(/shutRate -1 must be in \[0, 1\]/);
    expect(() => new BeatContrast({ minReference: 0 })).toThrow(/minReference 0 must be above 0/);
  });
});
