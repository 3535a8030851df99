import { describe, expect, it } from 'vitest';
import { FastClock, HOP_MS, stateBeats } from '../../src/core/clock/fast-clock.js';
import type { SlowState } from '../../src/core/state/slow-state.js';

const WALL = 1_700_000_000_000;
const SPB = 0.5;
const features = { rms: 0.1, centroid: 800, flux: 0.1, zcr: 0.05, onset: 2, rolloff: 3000, bands: [1e-3, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7] };

function state(hop: number, over: Partial<SlowState> = {}): SlowState {
  const t = (hop * 1024) / 48000;
  const beats = t / SPB;
  return {
    v: 1,
    hop,
    t,
    wall: WALL + t * 1000,
    features,
    beat: {
      bpm: 120,
      spb: SPB,
      phase: beats % 1,
      beat_in_bar: (Math.floor(beats) % 4) + 1,
      beats_per_bar: 4,
      bar_phase: (beats % 4) / 4,
      beat_count: Math.floor(beats),
      bar_count: Math.floor(beats / 4),
      conf: 0.7,
      downbeat_prob: 0.2,
    },
    ...over,
  };
}

describe('FastClock', () => {
  it('answers nothing before the first state', () => {
    expect(new FastClock().at(WALL, 0, 0, 0)).toBeNull();
  });

  it('predicts the beat at render time from the held state, through the clock offset and latency', () => {
    const clock = new FastClock();
    const skew = 3000; // the client's clock runs 3 s ahead of the server's
    clock.receive(state(100), WALL + 100 * HOP_MS + skew);
    const clientTime = WALL + 100 * HOP_MS + skew + 40;
    const frame = clock.at(clientTime, -skew, 60, 0);
    if (frame?.beat == null) throw new Error('expected a beat');
    const expectedBeats = (100 * HOP_MS + 100) / 1000 / SPB;
    expect(frame.beats).toBeCloseTo(expectedBeats, 6);
    expect(frame.beat.phase).toBeCloseTo(expectedBeats % 1, 6);
    expect(frame.stateAge).toBeCloseTo(100, 6);
    expect(frame.bpm).toBe(120);
  });

  it('glides the control vector to a new state over one hop', () => {
    const clock = new FastClock();
    const low = [0.2, 0.5, 1, 0, 0, 0, 0, 0, 0];
    const high = [0.6, 0.5, 1, 1, 0, 0, 0, 0, 0];
    clock.receive(state(1, { control: low, c: [0, 0] }), 1000);
    expect(clock.controlAt(1005)?.sTarget).toBeCloseTo(0.2, 12);
    clock.receive(state(2, { control: high, c: [0, 0] }), 1010);
    expect(clock.controlAt(1010)?.sTarget).toBeCloseTo(0.2, 12);
    expect(clock.controlAt(1010 + HOP_MS / 2)?.sTarget).toBeCloseTo(0.4, 12);
    expect(clock.controlAt(1010 + HOP_MS / 2)?.bandGates[0]).toBeCloseTo(0.5, 12);
    expect(clock.controlAt(1010 + HOP_MS * 3)?.sTarget).toBeCloseTo(0.6, 12);
  });

  it('counts nominal beats from stream time when no beat block arrives, and has no section without structure', () => {
    const clock = new FastClock();
    const s = state(200);
    delete s.beat;
    clock.receive(s, 0);
    const frame = clock.at(0, s.wall, 0, 0);
    expect(frame?.beat).toBeNull();
    expect(frame?.beats).toBeCloseTo(s.t / 0.5, 9);
    expect(frame?.section).toBeNull();
    expect(frame?.control).toBeNull();
    expect(stateBeats(s)).toBeCloseTo(s.t / 0.5, 12);
  });

  it('shows a new section only after it has held, so a wavering classifier does not flicker', () => {
    const clock = new FastClock(1);
    const structure = (section: string): SlowState['structure'] => ({ section, section_probs: [0, 0, 1, 0, 0, 0, 0, 0], hazard: [0, 0, 0, 0, 0] });
    clock.receive(state(1, { structure: structure('verse') }), 0);
    clock.receive(state(2, { structure: structure('chorus') }), 100);
    clock.receive(state(3, { structure: structure('verse') }), 200);
    expect(clock.at(200, 0, 0, 0)?.section).toBe('verse');
    clock.receive(state(4, { structure: structure('chorus') }), 300);
    clock.receive(state(5, { structure: structure('chorus') }), 1350);
    expect(clock.at(1350, 0, 0, 0)?.section).toBe('chorus');
  });

  it('refuses a malformed control vector, naming it', () => {
    expect(() => {
      new FastClock().receive(state(1, { control: [1, 2] }), 0);
    }).toThrow(/control vector must have 9 entries/);
  });
});
