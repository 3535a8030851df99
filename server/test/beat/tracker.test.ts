import { describe, expect, it } from 'vitest';
import { beatGrid, renderBeats } from '../support/beat-signals.js';
import { beatErrors, trackBeats } from '../support/track-beats.js';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const within = (errors: number[], tolerance: number): number => errors.filter((e) => Math.abs(e) <= tolerance).length / errors.length;

describe('beat tracker on signals with exact beats', () => {
  it('follows a steady 120 BPM groove: every beat after 5 s within 35 ms, tempo 120 ± 0.5', async () => {
    const beats = beatGrid(60, () => 120, () => 4);
    const { events, states } = await trackBeats(renderBeats(beats, 31));
    const errors = beatErrors(events, beats.map((b) => b.time).filter((t) => t < 30));
    expect(within(errors, 0.035)).toBe(1);
    expect(Math.abs(median(errors))).toBeLessThan(0.015);
    expect(Math.abs((states.at(-1)?.beat.bpm ?? 0) - 120)).toBeLessThan(0.5);
    // beat_count only grows, by one per reported beat.
    events.forEach((e, i) => { expect(e.beatCount).toBe(i + 1); });
  });

  it('finds the meter and the downbeats of a 3/4 groove', async () => {
    const beats = beatGrid(75, () => 132, () => 3);
    const { events } = await trackBeats(renderBeats(beats, 35));
    const late = events.filter((e) => e.time > 15);
    expect(late.every((e) => e.beatsPerBar === 3)).toBe(true);
    const downbeats = beats.filter((b) => b.position === 1 && b.time > 15 && b.time < 34).map((b) => b.time);
    const detected = late.filter((e) => e.beatInBar === 1).map((e) => e.time);
    const hits = downbeats.filter((t) => detected.some((d) => Math.abs(d - t) < 0.07)).length;
    expect(hits / downbeats.length).toBeGreaterThan(0.9);
    expect(detected.length).toBeLessThanOrEqual(downbeats.length + 1);
  });

  it('follows a tempo ramp from 120 to 128 BPM over 16 bars without losing phase', async () => {
    const beats = beatGrid(110, (i) => (i < 16 ? 120 : i < 80 ? 120 + (8 * (i - 16)) / 64 : 128), () => 4);
    const seconds = (beats.at(-1)?.time ?? 0) + 0.5;
    const { events, states } = await trackBeats(renderBeats(beats, seconds));
    const errors = beatErrors(events, beats.map((b) => b.time).filter((t) => t < seconds - 1));
    expect(within(errors, 0.05)).toBeGreaterThan(0.97);
    expect(Math.abs((states.at(-1)?.beat.bpm ?? 0) - 128)).toBeLessThan(1);
  });

  it('free-runs through silence at the held tempo, and re-locks within two bars after it', async () => {
    const beats = beatGrid(70, () => 124, () => 4);
    const silence: [number, number] = [12, 17];
    const { events, states } = await trackBeats(renderBeats(beats, 34, { silent: [silence] }));
    // The clock never stops: states keep coming and beats keep being reported through the silence.
    const inSilence = events.filter((e) => e.time > silence[0] && e.time < silence[1]);
    expect(inSilence.length).toBeGreaterThanOrEqual(9);
    const silentErrors = beatErrors(inSilence, beats.map((b) => b.time).filter((t) => t > silence[0] && t < silence[1]), 0);
    expect(within(silentErrors, 0.07)).toBe(1);
    const conf = states.filter((s) => s.t > silence[0] + 1 && s.t < silence[1]).map((s) => s.beat.conf);
    expect(Math.max(...conf)).toBeLessThan(0.3);
    const bar = (4 * 60) / 124;
    const after = beatErrors(events, beats.map((b) => b.time).filter((t) => t > silence[1] + 2 * bar && t < 33), 0);
    expect(within(after, 0.035)).toBe(1);
  });

  it('gives the same beats whatever the block size, and the same on every run', async () => {
    const beats = beatGrid(40, () => 128, () => 4);
    const audio = renderBeats(beats, 20);
    const a = await trackBeats(audio, 4096);
    const b = await trackBeats(audio, 1000);
    const c = await trackBeats(audio, 4096);
    expect(b.events).toEqual(a.events);
    expect(c.events).toEqual(a.events);
    expect(a.events.length).toBeGreaterThan(30);
  });
});
