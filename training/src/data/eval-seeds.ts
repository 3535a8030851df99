/**
 * Seeds reserved for evaluation. Every evaluation track is generated from a seed in these ranges; training data
 * must use seeds outside EVAL_SEEDS.reserved (check with assertTrainingSeed) and ids that assertDisjoint accepts,
 * so no evaluation track, nor a re-seeded copy of one, is ever trained on.
 */

export interface SeedRange {
  first: number;
  last: number;
}

export const EVAL_SEEDS = {
  /** The whole reserved block: no training generator may draw a seed from it. */
  reserved: { first: 900_000, last: 999_999 },
  /** Procedural grooves of the evaluation sets (their room variants derive their own seeds from these). */
  procedural: { first: 900_000, last: 900_999 },
  /** MMA / fluidsynth songs of the evaluation sets. */
  mma: { first: 901_000, last: 901_999 },
} as const satisfies Record<string, SeedRange>;

export function inRange(seed: number, range: SeedRange): boolean {
  return seed >= range.first && seed <= range.last;
}

export function isEvalSeed(seed: number): boolean {
  return inRange(seed, EVAL_SEEDS.reserved);
}

/** Throws when a training generator is about to use a seed reserved for evaluation. */
export function assertTrainingSeed(seed: number): void {
  if (isEvalSeed(seed)) {
    throw new Error(`seed ${seed} is reserved for evaluation (${EVAL_SEEDS.reserved.first}..${EVAL_SEEDS.reserved.last}); training data must use another seed`);
  }
}

/** Throws, naming up to ten of them, when any id is in both lists. */
export function assertDisjoint(evalIds: Iterable<string>, otherIds: Iterable<string>): void {
  const evalSet = new Set(evalIds);
  const shared = [...new Set(otherIds)].filter((id) => evalSet.has(id));
  if (shared.length > 0) {
    const names = shared.slice(0, 10).map((id) => `"${id}"`).join(', ');
    throw new Error(`${shared.length} track id(s) are in both the evaluation set and the other set: ${names}${shared.length > 10 ? ', ...' : ''}`);
  }
}
