import { describe, expect, it } from 'vitest';
import { predictBeat, type PredictedBeat } from '../../src/core/clock/beat-prediction.js';
import { buildUp } from '../../src/core/visual/build-up.js';
import { BEHAVIOUR, paletteShift, planFrame, type FrameInput } from '../../src/core/visual/frame-plan.js';
import { LOOK_PARAMS, LookTransition, resolveLook } from '../../src/core/visual/looks.js';
import { connectedShare } from '../../src/core/visual/metrics.js';
import { orbitPoint, type Complex } from '../../src/core/visual/orbit.js';

const SPB = 0.5;
const state = { bpm: 120, spb: SPB, phase: 0, beat_in_bar: 1, beats_per_bar: 4, bar_phase: 0, beat_count: 40, bar_count: 10, conf: 1, downbeat_prob: 0.9 };
/** The beat `beats` beats after a downbeat. */
const at = (beats: number): PredictedBeat => predictBeat(state, 0, beats * SPB * 1000);

function input(beat: PredictedBeat | null, over: Partial<FrameInput> = {}): FrameInput {
  return {
    beat,
    conf: 1,
    look: LOOK_PARAMS.bloom,
    orbit: { s: 0.5, theta: 1, beats: beat?.beats ?? 0 },
    gates: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    build: 0,
    settings: { intensity: 0.8, zoom: 1, strobe: false, blackout: false },
    ...over,
  };
}

describe('beat pulse', () => {
  it('zooms in and brightens on the beat and has faded by mid-beat', () => {
    const on = planFrame(input(at(0.02)));
    const off = planFrame(input(at(0.5)));
    expect(on.pulse).toBeGreaterThan(0.85);
    expect(off.pulse).toBeLessThan(0.06);
    expect(on.scale).toBeLessThan(off.scale * (1 - 0.8 * LOOK_PARAMS.bloom.pulseZoom));
    expect(on.brightness - off.brightness).toBeGreaterThan(0.15);
  });

  it('does not pulse without a beat clock', () => {
    expect(planFrame(input(null)).pulse).toBe(0);
  });
});

describe('palette step', () => {
  it('lands one step on each downbeat and is continuous across it', () => {
    const before = paletteShift(at(3.999));
    const downbeat = paletteShift(at(4.0001));
    const settled = paletteShift(at(4 + BEHAVIOUR.stepBeats));
    expect(downbeat - before).toBeLessThan(1e-3);
    expect(settled - before).toBeCloseTo(BEHAVIOUR.paletteStep, 9);
    // No change within the rest of the bar.
    expect(paletteShift(at(7.9)) - settled).toBeCloseTo(0, 12);
  });
});

describe('build-up and VJ controls', () => {
  it('weights near horizons most and is 0 without structure', () => {
    expect(buildUp(undefined)).toBe(0);
    expect(buildUp([0, 0, 0, 0, 1])).toBeCloseTo(0.3, 12);
    expect(buildUp([1, 0, 0, 0, 0])).toBeCloseTo(1, 12);
  });

  it('zooms in, brightens the pulse and widens the orbit as a change builds', () => {
    const calm = planFrame(input(at(0.02)));
    const built = planFrame(input(at(0.02), { build: 1 }));
    expect(built.scale).toBeLessThan(calm.scale * (1 - 0.9 * BEHAVIOUR.buildZoom));
    expect(built.brightness).toBeGreaterThan(calm.brightness);
    const base = orbitPoint(LOOK_PARAMS.bloom.base, { s: 0, theta: 0 }, [0, 0, 0, 0, 0, 0], 0);
    const reach = (c: Complex): number => Math.hypot(c.re - base.re, c.im - base.im);
    const quiet = { gates: [0, 0, 0, 0, 0, 0] };
    expect(reach(planFrame(input(at(0.02), { ...quiet, build: 1 })).c) / reach(planFrame(input(at(0.02), quiet)).c)).toBeCloseTo(1 + BEHAVIOUR.buildRadius, 9);
  });

  it('flashes on the beat only with strobe on, and passes blackout through', () => {
    expect(planFrame(input(at(0.01))).flash).toBe(0);
    expect(planFrame(input(at(0.01), { settings: { intensity: 1, zoom: 1, strobe: true, blackout: false } })).flash).toBeGreaterThan(0.9);
    expect(planFrame(input(at(0.3), { settings: { intensity: 1, zoom: 1, strobe: true, blackout: false } })).flash).toBe(0);
    expect(planFrame(input(at(0.3), { settings: { intensity: 1, zoom: 1, strobe: false, blackout: true } })).blackout).toBe(true);
  });

  it('zooms by the scene zoom', () => {
    const one = planFrame(input(at(0.5)));
    const two = planFrame(input(at(0.5), { settings: { intensity: 0.8, zoom: 2, strobe: false, blackout: false } }));
    expect(two.scale).toBeCloseTo(one.scale / 2, 12);
  });
});

describe('looks', () => {
  /** Every c a look's orbit can reach: all orbit angles, radii, residual phases, gates fully open. */
  function reachable(name: keyof typeof LOOK_PARAMS): Complex[] {
    const look = LOOK_PARAMS[name];
    const cs: Complex[] = [];
    for (let i = 0; i < 36; i++) {
      for (let j = 0; j < 16; j++) {
        for (const s of [0.2, 0.6, 1]) {
          cs.push(orbitPoint(look.base, { s, theta: (2 * Math.PI * i) / 36 }, [1, 1, 1, 1, 1, 1].map((g) => g * look.residualScale), j / 4, look.radiusScale));
        }
      }
    }
    return cs;
  }

  it('keeps calm connected (c in the Mandelbrot set) and dust disconnected', () => {
    expect(connectedShare(reachable('calm'), 300)).toBeGreaterThan(0.97);
    expect(connectedShare(reachable('dust'), 300)).toBeLessThan(0.03);
    const bloom = connectedShare(reachable('bloom'), 300);
    expect(bloom).toBeGreaterThan(0.3);
    expect(bloom).toBeLessThan(0.8);
  });

  it('picks calm in verses and dust in choruses under auto, bloom without structure', () => {
    expect(resolveLook('auto', 'verse')).toBe('calm');
    expect(resolveLook('auto', 'chorus')).toBe('dust');
    expect(resolveLook('auto', null)).toBe('bloom');
    expect(resolveLook('auto', 'unknown-label')).toBe('bloom');
    expect(resolveLook('storm', 'verse')).toBe('storm');
  });

  it('blends from one look to the next without a cut', () => {
    const t = new LookTransition('calm', 2);
    t.set('dust', 10);
    expect(t.at(10).base.offset).toBeCloseTo(LOOK_PARAMS.calm.base.offset, 12);
    expect(t.at(11).base.offset).toBeCloseTo((LOOK_PARAMS.calm.base.offset + LOOK_PARAMS.dust.base.offset) / 2, 12);
    expect(t.at(12).base.offset).toBeCloseTo(LOOK_PARAMS.dust.base.offset, 12);
    // A change of mind mid-blend starts from where the blend is.
    t.set('storm', 11);
    expect(t.at(11).base.offset).toBeCloseTo((LOOK_PARAMS.calm.base.offset + LOOK_PARAMS.dust.base.offset) / 2, 12);
    expect(() => new LookTransition('calm', -1)).toThrow(/duration must be >= 0 seconds, got -1/);
  });
});
