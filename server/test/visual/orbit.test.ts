import { describe, expect, it } from 'vitest';
import type { ControlVector } from '../../src/core/visual/control-vector.js';
import { mandelbrotPoint } from '../../src/core/visual/mandelbrot-table.js';
import {
  ORBIT,
  REFERENCE_BASE,
  cardioidNormal,
  cardioidPoint,
  orbitPoint,
  recoverOrbit,
  residual,
  smoothS,
  smoothingTau,
  type Complex,
} from '../../src/core/visual/orbit.js';
import { OrbitSynth } from '../../src/core/visual/orbit-synth.js';

const HOP = 1024 / 48000;
const QUIET_GATES = [0, 0, 0, 0, 0, 0];
const control = (over: Partial<ControlVector> = {}): ControlVector => ({ sTarget: 0.6, alpha: 0.5, omegaScale: 1, bandGates: QUIET_GATES, ...over });
const dist = (a: { re: number; im: number }, b: { re: number; im: number }): number => Math.hypot(a.re - b.re, a.im - b.im);

/** Steps an orbit hop by hop at a steady tempo; returns c per hop and the beat position of each. */
function run(synth: OrbitSynth, spb: number, seconds: number, at: (t: number) => ControlVector = () => control()): { c: { re: number; im: number }[]; beats: number[] } {
  const c: { re: number; im: number }[] = [];
  const beats: number[] = [];
  for (let hop = 0; hop * HOP <= seconds; hop++) {
    const b = (hop * HOP) / spb;
    c.push(synth.step(at(hop * HOP), b, HOP).c);
    beats.push(b);
  }
  return { c, beats };
}

describe('cardioid geometry', () => {
  it('puts β = π at -3/4, the neck between the cardioid and the period-2 bulb', () => {
    const p = cardioidPoint(Math.PI);
    expect(p.re).toBeCloseTo(-0.75, 12);
    expect(p.im).toBeCloseTo(0, 12);
    const n = cardioidNormal(Math.PI);
    expect(n.re).toBeCloseTo(-1, 12);
  });

  it('has the Mandelbrot set inside its boundary and not just outside it (away from bulbs)', () => {
    for (const angle of [0.3 * Math.PI, 0.55 * Math.PI, 0.9 * Math.PI, 1.45 * Math.PI]) {
      const p = cardioidPoint(angle);
      const n = cardioidNormal(angle);
      expect(mandelbrotPoint({ re: p.re - 0.02 * n.re, im: p.im - 0.02 * n.im }, 2000).inside).toBe(true);
      expect(mandelbrotPoint({ re: p.re + 0.08 * n.re, im: p.im + 0.08 * n.im }, 2000).inside).toBe(false);
    }
  });

  it('refuses the cusp, where the normal is undefined', () => {
    expect(() => cardioidNormal(0)).toThrow(/cardioid angle 0 is at the cusp/);
  });
});

describe('orbitPoint and recoverOrbit', () => {
  it('recover s and θ from c for any gates and beat position', () => {
    for (let i = 0; i < 50; i++) {
      const at = { s: 0.05 + 0.9 * ((i * 0.37) % 1), theta: -Math.PI + 2 * Math.PI * ((i * 0.61) % 1) };
      const gates = QUIET_GATES.map((_, k) => (i * (k + 3) * 0.13) % 1);
      const beats = i * 1.7;
      const back = recoverOrbit(orbitPoint(REFERENCE_BASE, at, gates, beats), REFERENCE_BASE, gates, beats);
      expect(Math.abs(back.s - at.s)).toBeLessThan(1e-9);
      const turn = (back.theta - at.theta) / (2 * Math.PI);
      expect(Math.abs(turn - Math.round(turn)) * 2 * Math.PI).toBeLessThan(1e-9);
    }
  });

  it('refuses a non-finite c', () => {
    expect(() => recoverOrbit({ re: Number.NaN, im: 0 }, REFERENCE_BASE, QUIET_GATES, 0)).toThrow(/finite c, got \[NaN, 0\]/);
  });
});

describe('residual motion', () => {
  it('is exactly zero with every gate closed', () => {
    for (const b of [0, 0.3, 7.9]) expect(Math.hypot(residual(QUIET_GATES, b).re, residual(QUIET_GATES, b).im)).toBeLessThan(1e-15);
  });

  it('moves each band at its own rate in cycles per beat, scaled by its gate', () => {
    ORBIT.residualRate.forEach((rate, k) => {
      const gates = QUIET_GATES.map((_, j) => (j === k ? 1 : 0));
      const start = residual(gates, 2);
      // One full cycle of band k later it is back; half a cycle later it is opposite.
      const full = residual(gates, 2 + 1 / rate);
      const half = residual(gates, 2 + 0.5 / rate);
      expect(dist(start, full)).toBeLessThan(1e-12);
      expect(dist(start, half)).toBeCloseTo(2 * (ORBIT.residualAmplitude[k] ?? 0), 12);
      const halfGate = residual(gates.map((g) => g / 2), 2);
      expect(Math.hypot(halfGate.re, halfGate.im)).toBeCloseTo((ORBIT.residualAmplitude[k] ?? 0) / 2, 12);
    });
  });
});

describe('OrbitSynth', () => {
  it.each([0.5, 0.4, 0.6])('turns once every beatsPerTurn beats, so its period follows spb = %s s', (spb) => {
    const { c, beats } = run(new OrbitSynth(), spb, ORBIT.beatsPerTurn * spb * 1.6);
    const atBeats = (b: number): { re: number; im: number } => {
      const i = beats.findIndex((x) => x >= b);
      return c[i] ?? { re: Number.NaN, im: Number.NaN };
    };
    const first = c[0] ?? { re: 0, im: 0 };
    const hopBeats = HOP / spb;
    const step = (2 * Math.PI * 0.6 * ORBIT.radius * hopBeats) / ORBIT.beatsPerTurn;
    // Back at the start after one turn (to within one hop's travel), opposite after half a turn.
    expect(dist(atBeats(ORBIT.beatsPerTurn), first)).toBeLessThan(step * 1.01);
    expect(dist(atBeats(ORBIT.beatsPerTurn / 2), first)).toBeCloseTo(2 * 0.6 * ORBIT.radius, 2);
  });

  it('turns twice as fast at omega_scale 2', () => {
    const { c, beats } = run(new OrbitSynth(), 0.5, 10, () => control({ omegaScale: 2 }));
    const i = beats.findIndex((x) => x >= ORBIT.beatsPerTurn / 2);
    const first = c[0] ?? { re: 0, im: 0 };
    expect(dist(c[i] ?? first, first)).toBeLessThan(0.003);
    const quarter = beats.findIndex((x) => x >= ORBIT.beatsPerTurn / 4);
    expect(dist(c[quarter] ?? first, first)).toBeCloseTo(2 * 0.6 * ORBIT.radius, 2);
  });

  it('lets a band move the orbit only while its gate is open', () => {
    const quiet = run(new OrbitSynth(), 0.5, 4).c;
    const kick = run(new OrbitSynth(), 0.5, 4, () => control({ bandGates: [1, 0, 0, 0, 0, 0] })).c;
    const deviation = quiet.map((c, i) => dist(c, kick[i] ?? c));
    expect(Math.max(...deviation)).toBeCloseTo(ORBIT.residualAmplitude[0], 9);
    expect(Math.min(...deviation)).toBeCloseTo(ORBIT.residualAmplitude[0], 9);
  });

  it('stays continuous when the control vector jumps', () => {
    const { c } = run(new OrbitSynth(), 0.5, 6, (t) => (t < 3 ? control({ sTarget: 0.2, omegaScale: 0.5 }) : control({ sTarget: 0.95, omegaScale: 3 })));
    const steps = c.slice(1).map((x, i) => dist(x, c[i] ?? x));
    // The whole move is large, but no hop moves c by more than a small step.
    expect(dist(c[0] ?? { re: 0, im: 0 }, c.at(-1) ?? { re: 0, im: 0 })).toBeGreaterThan(0.02);
    expect(Math.max(...steps)).toBeLessThan(0.006);
  });

  it('does not spin on a beat-position jump and starts again on reset', () => {
    const synth = new OrbitSynth();
    const a = synth.step(control(), 0, HOP);
    const b = synth.step(control(), 500, HOP); // a tracker reset or a jump: at most maxBeatsPerSecond · dt of travel
    expect(dist(a.c, b.c)).toBeLessThanOrEqual(0.6 * ORBIT.radius * ((2 * Math.PI * ORBIT.maxBeatsPerSecond * HOP) / ORBIT.beatsPerTurn) + 1e-12);
    // The travel allowed per hop is a normal hop's at twice the fastest tempo tracked, not a whole beat.
    expect(ORBIT.maxBeatsPerSecond * HOP).toBeGreaterThan((2 * 215) / 60 * HOP * 0.95);
    expect(ORBIT.maxBeatsPerSecond * HOP).toBeLessThan(0.2);
    synth.reset();
    expect(dist(synth.step(control(), 0, HOP).c, a.c)).toBeLessThan(1e-15);
  });

  it('keeps the jerk of c small through a tracker phase jump at full orbit speed', () => {
    // 141 BPM (0.11 beats a hop), omega_scale 4; at hop 40 the tracker re-acquires a third of a beat ahead.
    const synth = new OrbitSynth();
    const c: Complex[] = [];
    let beats = 0;
    for (let h = 0; h < 80; h++) {
      beats += h === 40 ? 0.44 : 0.11;
      c.push(synth.step(control({ sTarget: 0.2, omegaScale: 4 }), beats, HOP).c);
    }
    const jerk = c.slice(3).map((x, i) => {
      const [a, b, d] = [c[i + 2], c[i + 1], c[i]] as [Complex, Complex, Complex];
      return Math.hypot(x.re - 3 * a.re + 3 * b.re - d.re, x.im - 3 * a.im + 3 * b.im - d.im);
    });
    expect(Math.max(...jerk)).toBeLessThan(5e-3);
  });

  it('names a bad beat position or dt', () => {
    const synth = new OrbitSynth();
    expect(() => synth.step(control(), Number.POSITIVE_INFINITY, HOP)).toThrow(/finite beat position, got Infinity/);
    expect(() => synth.step(control(), 0, -1)).toThrow(/dt >= 0 seconds, got -1/);
  });
});

describe('smoothing', () => {
  it('spans tauMin to tauMax over alpha 0..1', () => {
    expect(smoothingTau(0)).toBeCloseTo(ORBIT.tauMin, 12);
    expect(smoothingTau(1)).toBeCloseTo(ORBIT.tauMax, 12);
    expect(smoothingTau(0.5)).toBeCloseTo(Math.sqrt(ORBIT.tauMin * ORBIT.tauMax), 9);
  });

  it('covers 1 - 1/e of the way in one time constant', () => {
    const tau = smoothingTau(0.3);
    expect(smoothS(0, 1, 0.3, tau)).toBeCloseTo(1 - Math.exp(-1), 12);
  });
});
