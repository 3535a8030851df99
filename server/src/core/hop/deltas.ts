export type DeltaOrder = 'none' | 'delta' | 'delta-delta';

/**
 * Stacks a window (frames x dim, oldest first) with its first and, optionally, second differences along
 * time: each output row is [x, Δx, ΔΔx]. The first frame's differences are zero.
 */
export function withDeltas(window: Float32Array, frames: number, dim: number, order: DeltaOrder): Float32Array {
  if (window.length !== frames * dim) throw new Error(`window has ${window.length} values; ${frames} x ${dim} expected`);
  const parts = order === 'none' ? 1 : order === 'delta' ? 2 : 3;
  const out = new Float32Array(frames * dim * parts);
  const delta = new Float32Array(frames * dim);
  for (let f = 1; f < frames; f++) {
    for (let d = 0; d < dim; d++) delta[f * dim + d] = (window[f * dim + d] ?? 0) - (window[(f - 1) * dim + d] ?? 0);
  }
  for (let f = 0; f < frames; f++) {
    const row = f * dim * parts;
    out.set(window.subarray(f * dim, (f + 1) * dim), row);
    if (parts >= 2) out.set(delta.subarray(f * dim, (f + 1) * dim), row + dim);
    if (parts === 3 && f >= 1) {
      for (let d = 0; d < dim; d++) out[row + 2 * dim + d] = (delta[f * dim + d] ?? 0) - (delta[(f - 1) * dim + d] ?? 0);
    }
  }
  return out;
}
