import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { stateBeats, stateOrbitBeats } from '../../src/core/clock/fast-clock.js';
import type { SlowState } from '../../src/core/state/slow-state.js';
import { DemoGroove } from '../../src/core/synth/demo-groove.js';
import { parseControl } from '../../src/core/visual/control-vector.js';
import { beatAdvance, REFERENCE_BASE, recoverOrbit, thetaAdvance } from '../../src/core/visual/orbit.js';
import { HopProcessor } from '../../src/engine/hop-processor.js';

async function states(seconds: number): Promise<SlowState[]> {
  const audio = new Float32Array(Math.round(seconds * CONTRACT.audio.sample_rate));
  new DemoGroove().render(audio);
  const processor = await HopProcessor.create(CONTRACT, () => 0);
  const out: SlowState[] = [];
  processor.push(audio, (s) => out.push(s));
  return out;
}

describe('HopProcessor control and c', () => {
  it('fills control, c and control_source on every hop, continuous and recoverable by displays', async () => {
    const all = await states(12);
    expect(all.length).toBeGreaterThan(500);
    let worstStep = 0;
    let worstKink = 0;
    let worstTheta = 0;
    let previous: { c: [number, number]; theta: number; beats: number; step: [number, number] } | null = null;
    for (const s of all) {
      expect(s.control_source).toBe('manual');
      if (s.control === undefined || s.c === undefined) throw new Error(`hop ${s.hop} has no control or c`);
      const control = parseControl(s.control);
      const beats = stateOrbitBeats(s);
      const orbit = recoverOrbit({ re: s.c[0], im: s.c[1] }, REFERENCE_BASE, control.bandGates, beats);
      expect(orbit.s).toBeGreaterThanOrEqual(0);
      expect(orbit.s).toBeLessThanOrEqual(1 + 1e-9);
      const step: [number, number] = previous === null ? [0, 0] : [s.c[0] - previous.c[0], s.c[1] - previous.c[1]];
      if (previous !== null) {
        worstStep = Math.max(worstStep, Math.hypot(...step));
        if (s.hop > 2) worstKink = Math.max(worstKink, Math.hypot(step[0] - previous.step[0], step[1] - previous.step[1]));
        // The angle a display recovers advances exactly as omega_scale over the beats elapsed says.
        const advance = thetaAdvance(control.omegaScale, beatAdvance(previous.beats, beats, CONTRACT.audio.hop / CONTRACT.audio.sample_rate));
        const error = orbit.theta - previous.theta - advance;
        worstTheta = Math.max(worstTheta, Math.abs(error - 2 * Math.PI * Math.round(error / (2 * Math.PI))));
      }
      previous = { c: s.c, theta: orbit.theta, beats, step };
    }
    // Per hop (21 ms) c moves a little (orbit, residual bands, smoothing), and its velocity changes gently: no jumps.
    expect(worstStep).toBeLessThan(0.01);
    expect(worstKink).toBeLessThan(0.01);
    expect(worstTheta).toBeLessThan(1e-9);
  });

  it('sends the beat position the orbit is drawn at: never backwards, gliding at most a quarter off the tempo, then the tracker\'s', async () => {
    const all = await states(12);
    const hop = CONTRACT.audio.hop / CONTRACT.audio.sample_rate;
    for (let i = 1; i < all.length; i++) {
      const [previous, s] = [all[i - 1], all[i]] as [SlowState, SlowState];
      if (s.orbit_beats === undefined || previous.orbit_beats === undefined) throw new Error(`hop ${s.hop} has no orbit_beats`);
      const expected = hop / (previous.beat?.spb ?? s.beat?.spb ?? 0.5);
      const step = s.orbit_beats - previous.orbit_beats;
      // The bound uses the spb of either side: the step takes the newer one.
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThanOrEqual(1.25 * Math.max(expected, hop / (s.beat?.spb ?? 0.5)) + 1e-9);
    }
    // The tracker takes over from stream time early on, and later pulls its phase in at up to half again the tempo
    // for a few hops; the orbit, at a quarter, trails it by a tenth of a beat at most, and otherwise runs on the
    // tracker's position itself, give or take whole 4-beat periods (which move no band).
    const gaps = all.filter((x) => x.t > 3).map((s) => {
      const gap = (s.orbit_beats ?? Number.NaN) - stateBeats(s);
      return Math.abs(gap - 4 * Math.round(gap / 4));
    });
    expect(Math.max(...gaps)).toBeLessThan(0.15);
    expect(gaps.filter((g) => g < 1e-9).length / gaps.length).toBeGreaterThan(0.8);
    expect(gaps.at(-1)).toBeLessThan(1e-9);
  });

  it('gives the band gates something to do on the demo groove', async () => {
    const all = await states(8);
    const gates0 = all.slice(200).map((s) => s.control?.[3] ?? Number.NaN);
    expect(Math.max(...gates0) - Math.min(...gates0)).toBeGreaterThan(0.5);
  });
});
