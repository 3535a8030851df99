/**
 * The beat tracker's per-hop loops over f64 and i32 arrays in the kernels' own memory (WebAssembly SIMD in the
 * daemon, built from server/assembly/beat-kernels.ts). The tracker owns the state and decides what is computed;
 * the I/O layer injects the implementation, as it does the FFT and the feature kernels. Every result is exact to
 * the bit: each sum runs in the order the definitions below give.
 */
export interface KernelArray<View extends Float64Array | Int32Array> {
  /** Byte offset in kernel memory. */
  readonly ptr: number;
  readonly length: number;
  /** A view of the array, valid until kernel memory grows (take a fresh one per use). */
  view(): View;
}

export type F64Array = KernelArray<Float64Array>;
export type I32Array = KernelArray<Int32Array>;

/** The beat filter's state space and its per-hop scratch (see BeatFilter). */
export interface BeatFilterArrays {
  /** Per row: its beat period in hops (n states), the first state's index, and the slot of position 0. */
  periods: I32Array;
  offsets: I32Array;
  heads: I32Array;
  /** Per state, stored per row as a ring: position p of row i at offsets[i] + (heads[i] + p) mod n. */
  alpha: F64Array;
  /** Per state in position order: the onset probability, and cos and sin of the position's angle (interleaved). */
  onset: F64Array;
  cosSin: F64Array;
  /** k × k tempo transitions (row: from, column: to); row i is non-zero only in [bandLo[i], bandHi[i]). */
  transition: F64Array;
  bandLo: I32Array;
  bandHi: I32Array;
  /** Per row: the per-beat prior, the powered tempo guide, and this hop's scratch and masses. */
  priorPerBeat: F64Array;
  guide: F64Array;
  ends: F64Array;
  starts: F64Array;
  rowMass: F64Array;
}

/** What a hop of the beat filter weighs with, beyond its arrays. */
export interface BeatFilterHop {
  /** The only row that may receive mass (a locked tempo), or -1. */
  locked: number;
  /** Whether beat boundaries are weighed by `priorPerBeat`, and by `guide`. */
  usePrior: boolean;
  useGuide: boolean;
  /** Each state becomes (keep * alpha + spread) * (base0 + onset * slope). */
  keep: number;
  spread: number;
  base0: number;
  slope: number;
}

/** The dominant tempo mode's moments: its mass, the sum of mass times period, and the sums of alpha·cos and alpha·sin. */
export interface ModeMoments {
  mass: number;
  periodMass: number;
  cos: number;
  sin: number;
}

export interface BeatKernels {
  /** A zeroed f64 array of `length` elements. */
  f64(length: number): F64Array;
  /** An i32 array holding `values`. */
  i32(values: ArrayLike<number>): I32Array;
  /**
   * One hop: every row's head moves back one slot (its last position becomes position 0); the mass that left each
   * row's last position is spread over the rows by `transition` (rows in order, columns in order), times the prior
   * and the guide when used (in that order), into each row's position 0 (zero in all but a locked row); then every
   * state is weighed, rows in order, positions in order, each row's mass summed that way into `rowMass`. Returns
   * the total (the row masses summed in order).
   */
  beatFilterHop(filter: BeatFilterArrays, hop: BeatFilterHop): number;
  /**
   * The mode of `rowMass` (the first largest row) and every row whose period is within `width` of its period
   * (|n / centre - 1| <= width), rows in order and positions in order within each.
   */
  modeMoments(filter: BeatFilterArrays, width: number, out: ModeMoments): void;
  /**
   * acf[lag] = (sum over j < n - lag of x[j + lag] * x[j], in order of j) / (n - lag) for lag = 0..maxLag; the
   * rest of acf is left as it is.
   */
  autocorrelation(x: F64Array, n: number, maxLag: number, acf: F64Array): void;
}
