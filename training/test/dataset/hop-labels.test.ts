import { describe, expect, it } from 'vitest';
import { CLASS, hopLabels } from '../../src/dataset/hop-labels.js';

const SR = 48000;
const HOP = 1024;
const dt = HOP / SR;

describe('hopLabels', () => {
  // 3/4 at 0.5 s per beat starting at 0.1 s, then one bar of 2 (a meter change).
  const beats = [0.1, 0.6, 1.1, 1.6, 2.1, 2.6, 3.1, 3.6].map((time, i) => ({ time, position: [1, 2, 3, 1, 2, 3, 1, 2][i] ?? 1 }));
  const labels = hopLabels({ beats, sections: [{ start: 0, name: 'intro' }, { start: 1.6, name: 'verse' }], duration: 4, hopSize: HOP, sampleRate: SR });

  it('labels each beat on the first hop whose end reaches it, downbeats as their own class', () => {
    expect(labels.hops).toBe(Math.floor((4 * SR) / HOP));
    const first = Math.ceil(0.1 / dt) - 1;
    expect(labels.beatClass[first]).toBe(CLASS.downbeat);
    expect(labels.beatClass[first - 1]).toBe(CLASS.none);
    expect(labels.beatClass[Math.ceil(0.6 / dt) - 1]).toBe(CLASS.beat);
    expect(labels.beatClass.filter((c) => c !== CLASS.none)).toHaveLength(8);
    expect(labels.beatClass.filter((c) => c === CLASS.downbeat)).toHaveLength(3);
  });

  it('gives bar phase, beat phase and meter at each hop end, -1 before the first beat', () => {
    expect(labels.barPhase[0]).toBe(-1);
    const i = Math.round(0.85 / dt) - 1;
    const t = (i + 1) * dt;
    expect(labels.beatPhase[i]).toBeCloseTo((t - 0.6) / 0.5, 6);
    expect(labels.barPhase[i]).toBeCloseTo((1 + (t - 0.6) / 0.5) / 3, 6);
    expect(labels.meter[i]).toBe(3);
    // The last, unfinished bar (positions 1, 2 and no more) keeps the meter of the bar before.
    const j = Math.round(3.3 / dt) - 1;
    expect(labels.meter[j]).toBe(3);
  });

  it('names the section of every hop', () => {
    expect(labels.sectionNames).toEqual(['intro', 'verse']);
    expect(labels.section[Math.round(1.0 / dt)]).toBe(0);
    expect(labels.section[Math.round(2.0 / dt)]).toBe(1);
  });
});
