import { describe, expect, test } from 'vitest';
import { createPrng } from '@fractalsync/server/core/synth/prng';
import { COMPOSED, composeForm, HELDOUT_TEMPLATES, TRAIN_TEMPLATES } from '../../src/structure/song-form.js';
import { planSong, songPlan, STRUCTURE_SEEDS } from '../../src/structure/song-plan.js';

describe('structure song plan', () => {
  const plan = songPlan({ train: 60, heldout: 30, maxSeconds: 180, compact: false });
  const train = plan.filter((s) => s.split === 'train');
  const heldout = plan.filter((s) => s.split === 'heldout');

  test('held-out songs are disjoint from training: seeds, templates and tempi', () => {
    expect(Object.keys(TRAIN_TEMPLATES).filter((t) => t in HELDOUT_TEMPLATES)).toEqual([]);
    expect(train.every((s) => s.spec.seed >= STRUCTURE_SEEDS.train.first && s.spec.seed <= STRUCTURE_SEEDS.train.last)).toBe(true);
    expect(heldout.every((s) => s.spec.seed >= STRUCTURE_SEEDS.heldout.first && s.spec.seed <= STRUCTURE_SEEDS.heldout.last)).toBe(true);
    expect(heldout.every((s) => s.spec.template in HELDOUT_TEMPLATES && s.spec.bpm % 2 === 1)).toBe(true);
    expect(train.every((s) => (s.spec.template in TRAIN_TEMPLATES || s.spec.template === COMPOSED) && s.spec.bpm % 2 === 0)).toBe(true);
    const heldoutForms = new Set(heldout.map((s) => s.spec.sections.map((x) => x.label).join(' ')));
    expect(train.filter((s) => heldoutForms.has(s.spec.sections.map((x) => x.label).join(' ')))).toEqual([]);
  });

  test('composed training forms vary, read like songs and are never a held-out template', () => {
    const rng = createPrng(7);
    const forms = Array.from({ length: 2000 }, () => composeForm(rng));
    const heldout = new Set(Object.values(HELDOUT_TEMPLATES).map((t) => t.join(' ')));
    expect(forms.filter((f) => heldout.has(f.join(' ')))).toEqual([]);
    expect(new Set(forms.map((f) => f.join(' '))).size).toBeGreaterThan(300);
    for (const f of forms) {
      expect(['silence', 'intro', 'verse']).toContain(f[0]);
      expect(f.filter((x) => x === 'chorus').length).toBeGreaterThanOrEqual(3);
      expect(f.slice(1).some((x, i) => x === f[i] && x !== 'verse' && x !== 'chorus')).toBe(false);
    }
    expect(train.filter((s) => s.spec.template === COMPOSED).length).toBeGreaterThan(train.length / 3);
  });

  test('tempo 84-174 BPM, mostly 4/4 with some 3/4, augmentations drawn, songs within the length limit', () => {
    expect(plan.every((s) => s.spec.bpm >= 84 && s.spec.bpm <= 174)).toBe(true);
    const threes = plan.filter((s) => s.spec.beatsPerBar === 3).length;
    expect(threes).toBeGreaterThan(0);
    expect(threes).toBeLessThan(plan.length / 2);
    expect(plan.some((s) => s.augment.room !== null)).toBe(true);
    expect(plan.every((s) => s.seconds > 0 && s.seconds <= 180 && s.spec.duration >= s.seconds * s.augment.speed)).toBe(true);
  });

  test('the same seed gives the same plan; seeds outside the blocks are refused', () => {
    expect(JSON.stringify(planSong(300_007, 'train', { maxSeconds: 60, compact: true }))).toBe(JSON.stringify(planSong(300_007, 'train', { maxSeconds: 60, compact: true })));
    expect(() => planSong(900_001, 'train', { maxSeconds: 60, compact: true })).toThrow(/reserved for evaluation/);
    expect(() => planSong(300_001, 'heldout', { maxSeconds: 60, compact: true })).toThrow(/outside the heldout block 310000..310999/);
    expect(() => songPlan({ train: -1, heldout: 0, maxSeconds: 60, compact: true })).toThrow(/train song count -1 is invalid/);
  });
});
