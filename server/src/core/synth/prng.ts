/**
 * Seeded randomness for the demo groove. Math.random is never used: the same seed must give the same samples
 * on every machine, and a different seed a different texture.
 */

/** A stream of uniform numbers in [0, 1). */
export type Prng = () => number;

/** Mixes a seed and a salt into one 32-bit value (murmur3 finaliser), so each voice draws from its own stream. */
export function hashSeed(seed: number, salt: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 0x6a09e667, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, and good enough for audio noise and pattern choices. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** White noise in [-1, 1) of the given length, drawn from `rng`. */
export function whiteNoise(rng: Prng, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng() * 2 - 1;
  return out;
}
