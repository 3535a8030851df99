import { describe, expect, it } from 'vitest';
import type { ControlVector } from '../../src/core/visual/control-vector.js';
import { REFERENCE_BASE, orbitPoint, type Complex } from '../../src/core/visual/orbit.js';
import { OrbitBeats } from '../../src/core/visual/orbit-beats.js';
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
  orbitBeats: number;
  control: ControlVector;
  c: Complex;
}

/** The daemon's side, as HopProcessor runs it: the orbit's beat position, then one OrbitSynth step per hop. */
function serverHops(seconds: number, jump: { at: number; beats: number } = { at: 0, beats: 0 }): ServerHop[] {
  const orbitBeats = new OrbitBeats();
  const synth = new OrbitSynth();
  const hops: ServerHop[] = [];
  for (let hop = 1; hop * HOP <= seconds; hop++) {
    const t = hop * HOP;
    const beats = t / SPB + (t >= jump.at ? jump.beats : 0);
    const orbit = orbitBeats.step(beats, SPB, HOP);
    hops.push({ t, beats, orbitBeats: orbit, control: control(t), c: synth.step(control(t), orbit, HOP).c });
  }
  return hops;
}

/**
 * The largest error of predicting each hop's c from the previous hop's state alone, at the beat position a
 * display's clock predicts from that state (it learns of a jump with the state that carries it).
 */
function worstNextHop(hops: ServerHop[], orbitBeatsOf: (hop: ServerHop) => number): number {
  const follower = new OrbitFollower();
  let worst = 0;
  for (let i = 0; i + 1 < hops.length; i++) {
    const now = hops[i];
    const next = hops[i + 1];
    if (now === undefined || next === undefined) continue;
    follower.anchor(now.c, now.control, now.beats, orbitBeatsOf(now), now.t);
    const at = follower.at(next.control, now.beats + (next.t - now.t) / SPB, next.t, 1);
    worst = Math.max(worst, dist(orbitPoint(REFERENCE_BASE, at, next.control.bandGates, at.beats), next.c));
  }
  return worst;
}

describe('OrbitFollower', () => {
  it('reproduces the daemon orbit between states from the last anchor', () => {
    expect(worstNextHop(serverHops(8), (hop) => hop.orbitBeats)).toBeLessThan(2e-4);
  });

  it('follows the daemon across a jump of the tracker: its residuals drawn at the orbit beat position each state names', () => {
    const hops = serverHops(8, { at: 4, beats: 1 / 3 });
    expect(hops.some((hop) => Math.abs(hop.beats - hop.orbitBeats) > 0.3)).toBe(true);
    // While the orbit closes the gap it runs a little off the tracker's rate, so a hop ahead is a little less exact.
    expect(worstNextHop(hops, (hop) => hop.orbitBeats)).toBeLessThan(2e-3);
    // A look draws its own radius and residual scale around the shared s and θ: a display that took the tracker's
    // position for the orbit's would recover them wrongly and draw the jump the daemon's orbit glides across.
    const lookJerk = (orbitBeatsOf: (hop: ServerHop) => number): number => {
      const follower = new OrbitFollower();
      const base = { angle: 0.7 * Math.PI, offset: -0.02 };
      const c = hops.map((hop) => {
        follower.anchor(hop.c, hop.control, hop.beats, orbitBeatsOf(hop), hop.t);
        const at = follower.at(hop.control, hop.beats, hop.t, 1);
        return orbitPoint(base, at, hop.control.bandGates.map((g) => 0.5 * g), at.beats, 1.5);
      });
      return Math.max(...c.slice(3).map((x, i) => {
        const [a, b, d] = [c[i + 2], c[i + 1], c[i]] as [Complex, Complex, Complex];
        return Math.hypot(x.re - 3 * a.re + 3 * b.re - d.re, x.im - 3 * a.im + 3 * b.im - d.im);
      }));
    };
    expect(lookJerk((hop) => hop.orbitBeats)).toBeLessThan(1e-3);
    expect(lookJerk((hop) => hop.beats)).toBeGreaterThan(3e-3);
  });

  it('gives two displays anchored at different moments the same c at the same beat', () => {
    const hops = serverHops(6);
    const early = new OrbitFollower();
    const late = new OrbitFollower();
    const probe = hops[200];
    const a = hops[150];
    const b = hops[199];
    if (probe === undefined || a === undefined || b === undefined) throw new Error('too few hops');
    early.anchor(a.c, a.control, a.beats, a.orbitBeats, a.t);
    late.anchor(b.c, b.control, b.beats, b.orbitBeats, b.t);
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
        follower.anchor(hop.c, hop.control, hop.beats, hop.orbitBeats, hop.t);
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
    follower.anchor(undefined, steady, 0, 0, 0);
    let last = follower.at(steady, 0, 0, 1);
    for (let frame = 1; frame <= 60 * 8; frame++) last = follower.at(steady, frame / 60 / SPB, frame / 60, 1);
    // 8 s at 120 BPM = 16 beats = one turn.
    expect(Math.cos(last.theta)).toBeCloseTo(1, 3);
    expect(last.s).toBeCloseTo(0.5, 9);
  });
});
