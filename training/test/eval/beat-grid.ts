/** n beat times start, start + step, ... (computed by multiplication so every value is exact for binary steps). */
export function grid(start: number, step: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => start + step * k);
}

/** Deterministic uniform numbers in [0, 1) (mulberry32), for "random tracker" cases. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
