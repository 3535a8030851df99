import { describe, expect, it } from 'vitest';
import { beatGrid, renderBeats } from '../support/beat-signals.js';
import { trackBeats } from '../support/track-beats.js';

/**
 * Prediction: phaseAt(t + a) against the exact phase of the groove at t + a, for anticipations of 0 to
 * 0.5 s, on a locked steady groove. Error is in beats (circular), over every hop from 10 s to 28 s.
 */
describe('beat and bar phase prediction', () => {
  it.each([0, 0.1, 0.3, 0.5])('at a = %s s the median error is under 0.03 beats and the 95th percentile under 0.08', async (a) => {
    const bpm = 126;
    const spb = 60 / bpm;
    const start = 0.5;
    const beats = beatGrid(66, () => bpm, () => 4, start);
    const beatErrors: number[] = [];
    const barErrors: number[] = [];
    const nextErrors: number[] = [];
    await trackBeats(renderBeats(beats, 30), 1024, (t, p) => {
      if (t < 10 || t > 28) return;
      const truePhase = (t + a - start) / spb;
      const wrap = (x: number): number => Math.abs(x - Math.round(x));
      beatErrors.push(wrap(p.tracker.phaseAt(a) - truePhase));
      barErrors.push(wrap(p.tracker.barPhaseAt(a) - truePhase / 4));
      const next = p.tracker.nextBeats(1)[0]?.time ?? NaN;
      nextErrors.push(Math.abs(next - (start + Math.ceil((t - start) / spb) * spb)));
    });
    const pct = (values: number[], p: number): number => [...values].sort((x, y) => x - y)[Math.floor(p * (values.length - 1))] ?? NaN;
    expect(pct(beatErrors, 0.5)).toBeLessThan(0.03);
    expect(pct(beatErrors, 0.95)).toBeLessThan(0.08);
    expect(pct(barErrors, 0.5)).toBeLessThan(0.03 / 4 + 0.01);
    expect(pct(nextErrors, 0.5)).toBeLessThan(0.03);
  });
});
