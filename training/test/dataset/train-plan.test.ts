import { describe, expect, it } from 'vitest';
import { evalSetPlan, devSetPlan } from '../../src/data/eval-set-plan.js';
import { isEvalSeed } from '../../src/data/eval-seeds.js';
import { drawAugment } from '../../src/dataset/augment.js';
import { trainPlan } from '../../src/dataset/train-plan.js';

describe('trainPlan', () => {
  const plan = trainPlan({ grooves: 60, songs: 30, seconds: 30 });

  it('is the same on every call and uses no evaluation seed, id or the TimGM6mb soundfont', () => {
    expect(JSON.stringify(trainPlan({ grooves: 60, songs: 30, seconds: 30 }))).toBe(JSON.stringify(plan));
    expect(plan.every((t) => !isEvalSeed(t.spec.seed))).toBe(true);
    const held = new Set([...evalSetPlan(30), ...devSetPlan(30)].map((t) => t.id));
    expect(plan.some((t) => held.has(t.id))).toBe(false);
    expect(plan.every((t) => t.id.includes('-train-'))).toBe(true);
    for (const t of plan) if (t.kind === 'mma') expect(t.spec.soundfont).toBe('FluidR3_GM');
  });

  it('covers several meters and names sections from the contract list', () => {
    const meters = new Set(plan.flatMap((t) => (t.kind === 'groove' ? t.spec.sections.map((s) => `${s.meter.beats}/${s.meter.unit}`) : [])));
    for (const m of ['4/4', '3/4', '2/4']) expect(meters.has(m)).toBe(true);
    const names = new Set(plan.flatMap((t) => t.sectionNames));
    const allowed = ['silence', 'intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'inst', 'outro'];
    expect([...names].every((n) => allowed.includes(n))).toBe(true);
  });

  it('never draws eval-v1\'s room (RT60 1.2 s, 10 dB SNR, 150 Hz-6 kHz microphone)', () => {
    for (let seed = 200_000; seed < 200_300; seed++) {
      const room = drawAugment(seed).room;
      if (room === null) continue;
      expect(Math.abs(room.rt60 - 1.2)).toBeGreaterThan(0.15);
      expect(Math.abs(room.snrDb - 10)).toBeGreaterThan(1.5);
      expect(room.micLowHz === 150 && room.micHighHz === 6000).toBe(false);
    }
  });

  it('refuses a bad size with a message naming it', () => {
    expect(() => trainPlan({ grooves: -1, songs: 0, seconds: 30 })).toThrow(/grooves -1 is invalid; expected an integer from 0 to 5000/);
    expect(() => trainPlan({ grooves: 1, songs: 0, seconds: 2 })).toThrow(/track length 2 s is out of range/);
  });
});
