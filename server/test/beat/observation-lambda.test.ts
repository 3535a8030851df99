import { describe, expect, it } from 'vitest';
import { BeatFilter, type BeatBelief } from '../../src/core/beat/beat-filter.js';
import { loadBeatKernels } from '../../src/dsp/wasm-beat-kernels.js';

const kernels = await loadBeatKernels();

const FPS = 48000 / 1024;

/** Feeds `activation(hop)` for `hops` hops; returns the last belief. */
function run(filter: BeatFilter, hops: number, activation: (hop: number) => number): BeatBelief {
  let belief = filter.process(activation(0));
  for (let hop = 1; hop < hops; hop++) belief = filter.process(activation(hop));
  return belief;
}

describe('beat filter observation λ', () => {
  it('scores every state alike at its neutral activation 1/λ, whatever λ', () => {
    // At the neutral value a hop only moves the states on, so two filters that differ only in λ stay identical.
    const three = new BeatFilter(kernels, { fps: FPS, observationLambda: 3 });
    const five = new BeatFilter(kernels, { fps: FPS, observationLambda: 5 });
    expect(three.neutralActivation).toBeCloseTo(1 / 3, 12);
    expect(five.neutralActivation).toBeCloseTo(0.2, 12);
    const a = run(three, 300, () => three.neutralActivation);
    const b = run(five, 300, () => five.neutralActivation);
    expect(a.period).toBeCloseTo(b.period, 9);
    expect(a.phase).toBeCloseTo(b.phase, 9);
    expect(a.concentration).toBeCloseTo(b.concentration, 9);
    expect(a.concentration).toBeLessThan(0.05);
  });

  it('reads an activation of 0.5 as no evidence at λ = 2 and as evidence of a beat at λ = 3', () => {
    // One hop after a reset (every position equally likely): a neutral hop leaves the phase unknown.
    const neutral = new BeatFilter(kernels, { fps: FPS, observationLambda: 2 }).process(0.5);
    expect(neutral.concentration).toBeLessThan(1e-3);
    // At λ = 3 the same 0.5 favours the beat states, so the belief gathers at the beat (phase 0).
    const evidence = new BeatFilter(kernels, { fps: FPS, observationLambda: 3 }).process(0.5);
    expect(evidence.concentration).toBeGreaterThan(5e-3);
    expect(Math.min(evidence.phase, 1 - evidence.phase)).toBeLessThan(0.05);
    // A quiet hop is a weak vote against the beat: the belief gathers away from it, less at λ = 3 than at λ = 2.
    const quietPlain = new BeatFilter(kernels, { fps: FPS, observationLambda: 2 }).process(0.05);
    const quietMadmom = new BeatFilter(kernels, { fps: FPS, observationLambda: 3 }).process(0.05);
    expect(Math.min(quietPlain.phase, 1 - quietPlain.phase)).toBeGreaterThan(0.25);
    expect(quietMadmom.concentration).toBeLessThan(quietPlain.concentration);
  });

  it('refuses a λ that is not greater than 1, naming it', () => {
    expect(() => new BeatFilter(kernels, { fps: FPS, observationLambda: 1 })).toThrow(/observationLambda 1 must be greater than 1/);
    expect(() => new BeatFilter(kernels, { fps: FPS, observationLambda: Number.NaN })).toThrow(/observationLambda NaN/);
  });
});
