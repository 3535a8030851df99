import { describe, expect, it } from 'vitest';
import type { ControlVector } from '../../src/core/visual/control-vector.js';
import { ORBIT, residual, type Complex } from '../../src/core/visual/orbit.js';
import { ORBIT_BEATS, OrbitBeats } from '../../src/core/visual/orbit-beats.js';
import { OrbitSynth } from '../../src/core/visual/orbit-synth.js';

const HOP = 1024 / 48000;
const SPB = 60 / 154;
const NORMAL = HOP / SPB;

/** The orbit's beat position per hop for a tracker position that advances by `advance(h)` on hop h. */
function follow(hops: number, advance: (h: number) => number, start = 0): { tracker: number[]; orbit: number[] } {
  const beats = new OrbitBeats();
  const tracker: number[] = [];
  const orbit: number[] = [];
  let b = start;
  for (let h = 0; h < hops; h++) {
    b += h === 0 ? 0 : advance(h);
    tracker.push(b);
    orbit.push(beats.step(b, SPB, HOP));
  }
  return { tracker, orbit };
}

const steps = (xs: number[]): number[] => xs.slice(1).map((x, i) => x - (xs[i] ?? x));

function jerks(c: Complex[]): number[] {
  return c.slice(3).map((x, i) => {
    const [a, b, d] = [c[i + 2], c[i + 1], c[i]] as [Complex, Complex, Complex];
    return Math.hypot(x.re - 3 * a.re + 3 * b.re - d.re, x.im - 3 * a.im + 3 * b.im - d.im);
  });
}

describe('OrbitBeats', () => {
  it('is the tracker position itself while the tracker runs smoothly, tempo wobbles included', () => {
    const { tracker, orbit } = follow(600, (h) => NORMAL * (1 + 0.1 * Math.sin(h / 7)));
    const worst = Math.max(...orbit.map((x, h) => Math.abs(x - (tracker[h] ?? Number.NaN))));
    expect(worst).toBeLessThan(1e-9);
  });

  it('crosses a third-of-a-beat jump at most a quarter faster than the tempo, then runs with the tracker again', () => {
    const { tracker, orbit } = follow(200, (h) => (h === 40 ? NORMAL + 1 / 3 : NORMAL));
    for (const step of steps(orbit)) {
      expect(step).toBeGreaterThanOrEqual(NORMAL * (1 - ORBIT_BEATS.slew) - 1e-12);
      expect(step).toBeLessThanOrEqual(NORMAL * (1 + ORBIT_BEATS.slew) + 1e-12);
    }
    // The gap closes at a quarter of a hop's advance per hop: 1/3 of a beat in about 1.3 beats.
    const met = orbit.findIndex((x, h) => h > 40 && Math.abs(x - (tracker[h] ?? Number.NaN)) < 1e-9);
    expect(met).toBeGreaterThan(40);
    expect((met - 40) * NORMAL).toBeLessThan(1.5);
    for (let h = met; h < 200; h++) expect(Math.abs((orbit[h] ?? 0) - (tracker[h] ?? 0))).toBeLessThan(1e-9);
  });

  it('never runs backwards when the tracker does, and meets it again', () => {
    const { tracker, orbit } = follow(200, (h) => (h === 40 ? NORMAL - 0.3 : NORMAL));
    expect(Math.min(...steps(orbit))).toBeGreaterThan(0);
    expect(Math.abs((orbit.at(-1) ?? 0) - (tracker.at(-1) ?? 0))).toBeLessThan(1e-9);
  });

  it('takes a jump of whole residual periods at once: a tracker restarting its count moves no band', () => {
    // Every band's rate times the period is a whole number of cycles.
    for (const rate of ORBIT.residualRate) expect(Number.isInteger(rate * ORBIT_BEATS.period)).toBe(true);
    const { tracker, orbit } = follow(200, (h) => (h === 40 ? NORMAL - 516 : NORMAL), 500);
    const gates = [1, 1, 1, 1, 1, 1];
    orbit.forEach((x, h) => {
      const r = residual(gates, x);
      const t = residual(gates, tracker[h] ?? Number.NaN);
      expect(Math.hypot(r.re - t.re, r.im - t.im)).toBeLessThan(1e-9);
    });
    expect(Math.min(...steps(orbit))).toBeGreaterThan(0);
  });

  it('keeps the jerk of c small through a third-of-a-beat jump with the orbit and every band at full swing', () => {
    const control: ControlVector = { sTarget: 1, alpha: 0, omegaScale: 4, bandGates: [1, 1, 1, 1, 1, 1] };
    const run = (glide: boolean): number => {
      const beats = new OrbitBeats();
      const synth = new OrbitSynth();
      const c: Complex[] = [];
      let b = 0;
      for (let h = 0; h < 200; h++) {
        b += h === 40 ? NORMAL + 1 / 3 : NORMAL;
        c.push(synth.step(control, glide ? beats.step(b, SPB, HOP) : b, HOP).c);
      }
      return Math.max(...jerks(c));
    };
    // The same jump passed straight to the orbit: the jerk the glide exists to remove.
    expect(run(false)).toBeGreaterThan(1e-2);
    expect(run(true)).toBeLessThan(5e-3);
  });

  it('restarts on reset and names a bad beat position, spb or dt', () => {
    const beats = new OrbitBeats();
    beats.step(10, SPB, HOP);
    beats.reset();
    expect(beats.step(3.25, SPB, HOP)).toBe(3.25);
    expect(() => beats.step(Number.NaN, SPB, HOP)).toThrow(/finite beat position, got NaN/);
    expect(() => beats.step(1, 0, HOP)).toThrow(/spb > 0 seconds, got 0/);
    expect(() => beats.step(1, SPB, -1)).toThrow(/dt >= 0 seconds, got -1/);
  });
});
