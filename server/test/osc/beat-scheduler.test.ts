import { describe, expect, it } from 'vitest';
import { BeatScheduler } from '../../src/outputs/osc/beat-scheduler.js';
import type { PredictedBeat } from '../../src/outputs/osc/profile.js';
import { beatState, FakeTimers } from './helpers.js';

function setup(latencyMs: number) {
  const clock = new FakeTimers(1000);
  const sent: { beat: PredictedBeat; sendAt: number; firedAt: number }[] = [];
  const scheduler = new BeatScheduler({ latencyMs, now: clock.now, timers: clock, onBeat: (beat, sendAt) => sent.push({ beat, sendAt, firedAt: clock.time }) });
  return { clock, sent, scheduler };
}

describe('BeatScheduler', () => {
  it('sends the next beat at the predicted time minus latency', () => {
    const { clock, sent, scheduler } = setup(30);
    // wall 1000, phase 0.5, spb 0.5 s: next beat (11) at 1250, sent at 1220.
    scheduler.update(beatState(), 1000);
    clock.advanceTo(1219.9);
    expect(sent).toHaveLength(0);
    clock.advanceTo(1220);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.beat.beatCount).toBe(11);
    expect(sent[0]?.firedAt).toBeCloseTo(1220, 9);
    expect(sent[0]?.sendAt).toBeCloseTo(1220, 9);
    // After firing, the following beat is planned at once from the same state: 1750 - 30.
    expect(scheduler.pending?.beat.beatCount).toBe(12);
    expect(scheduler.pending?.sendAt).toBeCloseTo(1720, 9);
  });

  it('re-predicts the pending beat instead of sending it twice', () => {
    const { clock, sent, scheduler } = setup(0);
    scheduler.update(beatState(), 1000);
    clock.advanceTo(1021);
    // The tracker now says the beat comes 10 ms later than first predicted.
    scheduler.update(beatState({ phase: 0.522 }), 1021);
    expect(scheduler.pending?.sendAt).toBeCloseTo(1021 + 0.478 * 500, 9);
    clock.advanceTo(1255);
    expect(sent).toHaveLength(0);
    clock.advanceTo(1260);
    expect(sent.map((s) => s.beat.beatCount)).toEqual([11]);
    // A state that still reports beat 10 (it lags the timer) must not bring 11 back.
    scheduler.update(beatState({ phase: 0.99 }), 1262);
    scheduler.update(beatState({ phase: 0.02, beat_count: 11, beat_in_bar: 3 }), 1270);
    clock.advanceTo(1900);
    expect(sent.map((s) => s.beat.beatCount)).toEqual([11, 12]);
    expect(scheduler.sent).toBe(2);
  });

  it('sends a beat the tracker reports slightly before the timer, once', () => {
    const { clock, sent, scheduler } = setup(0);
    scheduler.update(beatState({ phase: 0.9 }), 1000);
    expect(scheduler.pending?.sendAt).toBeCloseTo(1050, 9);
    clock.advanceTo(1045);
    scheduler.update(beatState({ phase: 0.02, beat_count: 11, beat_in_bar: 3 }), 1045);
    expect(sent.map((s) => s.beat.beatCount)).toEqual([11]);
    clock.advanceTo(1100);
    expect(sent).toHaveLength(1);
  });

  it('drops stale beats when beat_count jumps', () => {
    const { clock, sent, scheduler } = setup(0);
    scheduler.update(beatState({ phase: 0.5 }), 1000);
    clock.advanceTo(1100);
    // The tracker jumps three beats ahead (e.g. a double-time correction): beat 11 is never sent.
    scheduler.update(beatState({ phase: 0.5, beat_count: 13 }), 1100);
    expect(scheduler.stale).toBe(1);
    clock.advanceTo(1400);
    expect(sent.map((s) => s.beat.beatCount)).toEqual([14]);
    expect(sent[0]?.firedAt).toBeCloseTo(1350, 9);
  });

  it('targets a later beat when the latency exceeds the time to the next one', () => {
    const { clock, sent, scheduler } = setup(400);
    // Next beat at 1100 (sending at 700 is long past); beat 12 at 1600 goes out at 1200.
    scheduler.update(beatState({ phase: 0.8 }), 1000);
    expect(scheduler.pending?.beat.beatCount).toBe(12);
    clock.advanceTo(1200);
    expect(sent.map((s) => [s.beat.beatCount, s.firedAt])).toEqual([[12, 1200]]);
  });

  it('cancels the pending beat when the beat block goes away or on close', () => {
    const { clock, sent, scheduler } = setup(0);
    scheduler.update(beatState(), 1000);
    scheduler.update(undefined, 1021);
    expect(clock.pending).toBe(0);
    scheduler.update(beatState(), 1021);
    scheduler.close();
    clock.advanceTo(3000);
    expect(sent).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });
});
