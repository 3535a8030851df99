import { describe, expect, it } from 'vitest';
import type { ControlVector } from '../../src/core/visual/control-vector.js';
import { REFERENCE_BASE, orbitPoint, type Complex } from '../../src/core/visual/orbit.js';
import { OrbitFollower } from '../../src/core/visual/orbit-follower.js';
import { OrbitSynth } from '../../src/core/visual/orbit-synth.js';

const HOP = 1024 / 48000;
const SPB = 0.5;
const control = (t: number): ControlVector => ({
  sTarget: 0.5 + 0.3 * Math.sin(t),
  alpha: 0.4,
  omegaScale: 1.5,
  bandGates: [0.8, 0.2, 0, 0.5, 0, 0.1],
});
const dist = (a: Complex, b: Complex): number => Math.hypot(a.re - b.re, a.im - b.im);

interface ServerHop {
  t: number;
  beats: number;
  control: ControlVector;
  c: Complex;
}

/** The daemon's side: one OrbitSynth step per hop. */
function serverHops(seconds: number): ServerHop[] {
  const synth = new OrbitSynth();
  const hops: ServerHop[] = [];
  for (let hop = 1; hop * HOP <= seconds; hop++) {
    const t = hop * HOP;
    hops.push({ t, beats: t / SPB, control: control(t), c: synth.step(control(t), t / SPB, HOP).c });
  }
  return hops;
}

describe('OrbitFollower', () => {
  it('reproduces the daemon orbit between states from the last anchor', () => {
    const hops = serverHops(8);
    const follower = new OrbitFollower();
    let worst = 0;
    for (let i = 0; i + 1 < hops.length; i++) {
      const now = hops[i];
      const next = hops[i + 1];
      if (now === undefined || next === undefined) continue;
      follower.anchor(now.c, now.control, now.beats, now.t);
      // Predict the next hop's c from this anchor alone.
      const at = follower.at(next.control, next.beats, next.t, 1);
      worst = Math.max(worst, dist(orbitPoint(REFERENCE_BASE, at, next.control.bandGates, next.beats), next.c));
    }
    expect(worst).toBeLessThan(2e-4);
  });

  it('gives two displays anchored at different moments the same c at the same beat', () => {
    const hops = serverHops(6);
    const early = new OrbitFollower();
    const late = new OrbitFollower();
    const probe = hops[200];
    const a = hops[150];
    const b = hops[199];
    if (probe === undefined || a === undefined || b === undefined) throw new Error('too few hops');
    early.anchor(a.c, a.control, a.beats, a.t);
    late.anchor(b.c, b.control, b.beats, b.t);
    const p1 = orbitPoint(REFERENCE_BASE, early.at(probe.control, probe.beats, probe.t, 1), probe.control.bandGates, probe.beats);
    const p2 = orbitPoint(REFERENCE_BASE, late.at(probe.control, probe.beats, probe.t, 1), probe.control.bandGates, probe.beats);
    // Both predict the daemon's own c there; the later anchor more closely.
    expect(dist(p2, probe.c)).toBeLessThan(2e-4);
    expect(dist(p1, p2)).toBeLessThan(2e-3);
  });

  it('holds the orbit angle at speed 0 and doubles its rate at speed 2, across anchors', () => {
    const hops = serverHops(4);
    const thetas = (speed: number): number[] => {
      const follower = new OrbitFollower();
      return hops.map((hop) => {
        follower.anchor(hop.c, hop.control, hop.beats, hop.t);
        return follower.at(hop.control, hop.beats + 0.1, hop.t, speed).theta;
      });
    };
    // Angles come back wrapped into (-π, π]; successive ones are close, so unwrap them.
    const unwrap = (x: number[]): number[] => {
      const out: number[] = [];
      for (const theta of x) {
        const previous = out.at(-1);
        out.push(previous === undefined ? theta : theta - 2 * Math.PI * Math.round((theta - previous) / (2 * Math.PI)));
      }
      return out;
    };
    const still = unwrap(thetas(0));
    const normal = unwrap(thetas(1));
    const fast = unwrap(thetas(2));
    const span = (x: number[]): number => (x.at(-1) ?? 0) - (x[0] ?? 0);
    expect(Math.max(...still) - Math.min(...still)).toBeLessThan(1e-9);
    expect(span(normal)).toBeGreaterThan(1);
    expect(span(fast) / span(normal)).toBeCloseTo(2, 2);
  });

  it('integrates on its own when states carry no c', () => {
    const follower = new OrbitFollower();
    const steady: ControlVector = { sTarget: 0.5, alpha: 0, omegaScale: 1, bandGates: [0, 0, 0, 0, 0, 0] };
    follower.anchor(undefined, steady, 0, 0);
    let last = follower.at(steady, 0, 0, 1);
    for (let frame = 1; frame <= 60 * 8; frame++) last = follower.at(steady, frame / 60 / SPB, frame / 60, 1);
    // 8 s at 120 BPM = 16 beats = one turn.
    expect(Math.cos(last.theta)).toBeCloseTo(1, 3);
    expect(last.s).toBeCloseTo(0.5, 9);
  });
});
