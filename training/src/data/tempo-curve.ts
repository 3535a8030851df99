/**
 * A tempo curve: BPM piecewise linear in time between points, constant before the first and after the last.
 * Beat phase is its exact integral (a quadratic per segment), and a beat's time solves that quadratic, so beat
 * times carry no integration error however long the track.
 */
import type { Bpm, Seconds } from '@fractalsync/server/core/units';

export interface TempoPoint {
  time: Seconds;
  bpm: Bpm;
}

export class TempoCurve {
  readonly points: readonly TempoPoint[];
  /** Beats elapsed from time 0 to each point. */
  private readonly phases: number[];

  constructor(points: readonly TempoPoint[]) {
    if (points.length === 0) throw new Error('tempo curve has no points; give at least one { time, bpm }');
    points.forEach((p, i) => {
      if (!Number.isFinite(p.bpm) || p.bpm <= 0) throw new Error(`tempo point ${i}: bpm ${p.bpm} is invalid; expected a positive number`);
      if (!Number.isFinite(p.time) || p.time < 0) throw new Error(`tempo point ${i}: time ${p.time} is invalid; expected seconds >= 0`);
      const prev = points[i - 1];
      if (prev !== undefined && p.time <= prev.time) {
        throw new Error(`tempo point ${i}: time ${p.time} is not after point ${i - 1} (${prev.time}); times must increase`);
      }
    });
    this.points = points.map((p) => ({ ...p }));
    this.phases = [];
    let phase = (this.first.bpm / 60) * this.first.time;
    this.points.forEach((p, i) => {
      const prev = this.points[i - 1];
      if (prev !== undefined) phase += ((prev.bpm + p.bpm) / 120) * (p.time - prev.time);
      this.phases.push(phase);
    });
  }

  /** A constant tempo. */
  static constant(bpm: Bpm): TempoCurve {
    return new TempoCurve([{ time: 0, bpm }]);
  }

  private get first(): TempoPoint {
    return this.points[0] as TempoPoint;
  }

  /** BPM at time t. */
  bpmAt(t: Seconds): Bpm {
    const i = this.segmentAtTime(t);
    const a = this.points[i] as TempoPoint;
    const b = this.points[i + 1];
    if (t < a.time || b === undefined) return a.bpm;
    return a.bpm + ((b.bpm - a.bpm) * (t - a.time)) / (b.time - a.time);
  }

  /** Beats elapsed from time 0 to time t (the exact integral of bpm / 60). */
  phaseAt(t: Seconds): number {
    const i = this.segmentAtTime(t);
    const a = this.points[i] as TempoPoint;
    const phaseA = this.phases[i] as number;
    const b = this.points[i + 1];
    const dt = t - a.time;
    if (t < a.time || b === undefined) return phaseA + (a.bpm / 60) * dt;
    const slope = (b.bpm - a.bpm) / (60 * (b.time - a.time));
    return phaseA + (a.bpm / 60) * dt + 0.5 * slope * dt * dt;
  }

  /** The time at which the phase reaches `phase` beats (the inverse of phaseAt; phase may be negative). */
  timeAtPhase(phase: number): Seconds {
    let i = 0;
    while (i + 1 < this.phases.length && (this.phases[i + 1] as number) <= phase) i++;
    const a = this.points[i] as TempoPoint;
    const c = phase - (this.phases[i] as number);
    const b = this.points[i + 1];
    const rate = a.bpm / 60;
    if (c < 0 || b === undefined) return a.time + c / rate;
    const slope = (b.bpm - a.bpm) / (60 * (b.time - a.time));
    // Root of rate·dt + slope·dt²/2 = c, in the form that stays exact when slope is 0 or tiny.
    return a.time + (2 * c) / (rate + Math.sqrt(rate * rate + 2 * slope * c));
  }

  /** Times where the tempo starts or stops changing (the ends of each ramp), i.e. where the slope changes. */
  changeTimes(): Seconds[] {
    const slopes = [0];
    for (let i = 0; i + 1 < this.points.length; i++) {
      const a = this.points[i] as TempoPoint;
      const b = this.points[i + 1] as TempoPoint;
      slopes.push((b.bpm - a.bpm) / (b.time - a.time));
    }
    slopes.push(0);
    return this.points.filter((_, i) => Math.abs((slopes[i + 1] as number) - (slopes[i] as number)) > 1e-12).map((p) => p.time);
  }

  private segmentAtTime(t: Seconds): number {
    let i = 0;
    while (i + 1 < this.points.length && (this.points[i + 1] as TempoPoint).time <= t) i++;
    return i;
  }
}
