import { describe, expect, it } from 'vitest';
import { assertDisjoint, assertTrainingSeed, EVAL_SEEDS, inRange, isEvalSeed } from '../../src/data/eval-seeds.js';

describe('evaluation seeds', () => {
  it('reserves one block holding the procedural and MMA ranges', () => {
    for (const range of [EVAL_SEEDS.procedural, EVAL_SEEDS.mma]) {
      expect(inRange(range.first, EVAL_SEEDS.reserved)).toBe(true);
      expect(inRange(range.last, EVAL_SEEDS.reserved)).toBe(true);
    }
    expect(isEvalSeed(900_123)).toBe(true);
    expect(isEvalSeed(899_999)).toBe(false);
    expect(isEvalSeed(1_000_000)).toBe(false);
  });

  it('refuses a reserved seed for training and accepts others', () => {
    expect(() => {
      assertTrainingSeed(901_004);
    }).toThrow(/seed 901004 is reserved for evaluation \(900000\.\.999999\)/);
    expect(() => {
      assertTrainingSeed(42);
    }).not.toThrow();
  });

  it('assertDisjoint passes disjoint lists and names shared ids', () => {
    expect(() => {
      assertDisjoint(['a', 'b'], ['c', 'd']);
    }).not.toThrow();
    expect(() => {
      assertDisjoint(new Set(['house-122-clean-s900000', 'b']), ['x', 'house-122-clean-s900000', 'house-122-clean-s900000']);
    }).toThrow(/1 track id\(s\) are in both the evaluation set and the other set: "house-122-clean-s900000"/);
    const many = Array.from({ length: 12 }, (_, i) => `t${i}`);
    expect(() => {
      assertDisjoint(many, many);
    }).toThrow(/12 track id\(s\).*"t9", \.\.\.$/);
  });
});
