/**
 * Numeric primitives over f32 buffers in the kernels' own memory (WebAssembly SIMD in the daemon).
 * The core composes them into features; it never sees how they are implemented, and the I/O layer
 * injects the implementation, as it does the FFT.
 */
export interface KernelBuffer {
  /** Byte offset in kernel memory. */
  readonly ptr: number;
  /** Elements (f32 or i32). */
  readonly length: number;
  /** A Float32Array view of the buffer, valid until kernel memory grows (take a fresh one per use). */
  f32(): Float32Array;
  /** Elements [start, start + length) as a buffer of its own. */
  sub(start: number, length: number): KernelBuffer;
}

/** Row r of a sparse matrix: weights[offsets[r] .. offsets[r] + lengths[r]) applied to x[starts[r] ..]. */
export interface SparseRows {
  readonly rows: number;
  readonly starts: KernelBuffer;
  readonly offsets: KernelBuffer;
  readonly lengths: KernelBuffer;
  readonly weights: KernelBuffer;
}

export interface VectorKernels {
  /** A zeroed f32 buffer of `length` elements. */
  f32(length: number): KernelBuffer;
  /** An i32 buffer holding `values`. */
  i32(values: readonly number[]): KernelBuffer;
  /** dst = a * b, element-wise, over dst's length. */
  multiply(a: KernelBuffer, b: KernelBuffer, dst: KernelBuffer): void;
  /** Power of a packed real spectrum of `packed.length` points into out[0..n/2]: |X_k|² times scale (edgeScale at DC and Nyquist). */
  packedPower(packed: KernelBuffer, out: KernelBuffer, edgeScale: number, scale: number): void;
  /** |X_k| of a packed real spectrum into out[0..n/2]. */
  packedMagnitude(packed: KernelBuffer, out: KernelBuffer): void;
  /** Sum of values[lo..hi). */
  sumRange(values: KernelBuffer, lo: number, hi: number): number;
  /**
   * Three sums over a power spectrum in one pass, into out[0..2]: the sum of values[k], the sum of k * values[k],
   * and the summed rise of the amplitudes sqrt(values[k]) over `previous` (then previous := the amplitudes).
   */
  powerMoments(values: KernelBuffer, previous: KernelBuffer, out: KernelBuffer): void;
  /** First index where the running sum reaches `target` (length - 1 if never). */
  cumulativeIndex(values: KernelBuffer, target: number): number;
  /** Sum of max(0, current - previous), then previous := current. */
  riseAndKeep(current: KernelBuffer, previous: KernelBuffer): number;
  /** out[r] = log10(add + mul * (row r of `rows`) · x). */
  sparseLogRows(x: KernelBuffer, rows: SparseRows, mul: number, add: number, out: KernelBuffer): void;
  /** Mean square of the buffer. */
  meanSquare(values: KernelBuffer): number;
  /** Sign changes within values[start..start+n), counting the step from values[start-1]; start >= 1. */
  signChanges(values: KernelBuffer, start: number, n: number): number;
  /** out = (x - mean) * scale, element-wise, over out's length. */
  standardize(x: KernelBuffer, mean: KernelBuffer, scale: KernelBuffer, out: KernelBuffer): void;
  /** One output frame of a causal dilated convolution over a ring of past input rows: see {@link CausalConvStep}. */
  causalConvStep(step: CausalConvStep): void;
}

/**
 * One frame of a causal convolution: `ring` holds the layer's last `rows` input rows (cin = ring.length / rows
 * floats each), row `position` the newest; tap j < kernel reads the row (kernel - 1 - j) * dilation back.
 * out[o] = bias[o] + sum over j, c of weights[(j * cin + c) * cout + o] * tap_j[c] (cout = out.length), then
 * max(0, .) if `relu`, then + residual[o] if a residual is given.
 */
export interface CausalConvStep {
  ring: KernelBuffer;
  rows: number;
  position: number;
  dilation: number;
  kernel: number;
  weights: KernelBuffer;
  bias: KernelBuffer;
  relu: boolean;
  residual?: KernelBuffer | undefined;
  out: KernelBuffer;
}
