import type { Seconds } from '../units.js';
import { ORBIT } from './orbit.js';

export const ORBIT_BEATS = {
  /**
   * How much faster or slower than the tempo the orbit's beat position may run while it closes a gap to the
   * tracker's. Crossing a third of a beat at 25 % takes about a beat and a third; the orbit's speed then changes
   * by a quarter of a normal hop's advance, where passing the jump on in one hop gave the largest jerk of c on the
   * held-out songs (1.06e-2 against a bound of 1e-2).
   */
  slew: 0.25,
  /**
   * Beats after which every band's residual motion repeats (the rates 0.25..2 cycles per beat all divide it):
   * a gap of whole periods closes at once without moving c.
   */
  period: 4,
} as const;

/**
 * The beat position the orbit is drawn at. It is the tracker's beat position b (beat_count + phase) while
 * the tracker runs smoothly. When b jumps (the tracker re-acquires its phase, a reset, a nudge, the tracker
 * taking over from stream time), the orbit does not: it keeps running at the tempo, up to ORBIT_BEATS.slew
 * faster or slower, until it meets b again (modulo whole residual periods), so neither θ nor the band residuals
 * jump with it. Never backwards. The daemon sends the result as `orbit_beats` so displays recover its orbit.
 */
export class OrbitBeats {
  #at: number | null = null;
  /** Whole residual periods between the tracker's beat position and the one the orbit follows. */
  #offset = 0;

  reset(): void {
    this.#at = null;
    this.#offset = 0;
  }

  /** The orbit's beat position for tracker beat position `beats` at `spb` seconds per beat, `dt` seconds on. */
  step(beats: number, spb: Seconds, dt: Seconds): number {
    if (!Number.isFinite(beats)) throw new Error(`orbit beats need a finite beat position, got ${String(beats)}`);
    if (!Number.isFinite(spb) || spb <= 0) throw new Error(`orbit beats need spb > 0 seconds, got ${String(spb)}`);
    if (!Number.isFinite(dt) || dt < 0) throw new Error(`orbit beats need dt >= 0 seconds, got ${String(dt)}`);
    if (this.#at === null) {
      this.#at = beats;
      return beats;
    }
    const expected = Math.min(dt / spb, ORBIT.maxBeatsPerSecond * dt);
    const gap = beats - this.#offset - this.#at - expected;
    // A gap of whole periods is taken into the offset, leaving one within half a period either way.
    this.#offset += ORBIT_BEATS.period * Math.round(gap / ORBIT_BEATS.period);
    const target = beats - this.#offset - this.#at;
    this.#at += Math.min(expected * (1 + ORBIT_BEATS.slew), Math.max(expected * (1 - ORBIT_BEATS.slew), target));
    return this.#at;
  }
}
