// Numeric primitives for the per-hop feature path, compiled to WebAssembly SIMD (AssemblyScript).
// They know nothing about audio: server/src/core/features/frame-analyzer.ts defines the features and
// composes these. Pointers are byte offsets into this module's memory; float arrays are f32.
// Loops keep four independent SIMD lanes so sums are not bound by the latency of one accumulator.

/** Reserves `bytes` of memory (16-byte aligned); never freed: buffers live as long as the analyzer. */
export function alloc(bytes: i32): usize {
  return heap.alloc(<usize>bytes);
}

function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** dst[i] = a[i] * b[i] for i < n. */
export function multiply(a: usize, b: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(a + o) * load<f32>(b + o));
  }
}

/**
 * Power of a packed real spectrum of n points ([X0.re, X(n/2).re, X1.re, X1.im, ...]):
 * out[k] = |X_k|^2 * scale for 0 < k < n/2, and |X_k|^2 * edgeScale for k = 0 and n/2.
 */
export function packedPower(packed: usize, out: usize, n: i32, edgeScale: f32, scale: f32): void {
  const half = n >> 1;
  const dc = load<f32>(packed);
  const nyquist = load<f32>(packed, 4);
  store<f32>(out, dc * dc * edgeScale);
  store<f32>(out + (<usize>half << 2), nyquist * nyquist * edgeScale);
  const s = f32x4.splat(scale);
  let k = 1;
  for (; k + 4 <= half; k += 4) {
    const p = packed + (<usize>k << 3);
    const a = v128.load(p);
    const b = v128.load(p, 16);
    const a2 = f32x4.mul(a, a);
    const b2 = f32x4.mul(b, b);
    const re2 = v128.shuffle<f32>(a2, b2, 0, 2, 4, 6);
    const im2 = v128.shuffle<f32>(a2, b2, 1, 3, 5, 7);
    v128.store(out + (<usize>k << 2), f32x4.mul(f32x4.add(re2, im2), s));
  }
  for (; k < half; k++) {
    const p = packed + (<usize>k << 3);
    const re = load<f32>(p);
    const im = load<f32>(p, 4);
    store<f32>(out + (<usize>k << 2), (re * re + im * im) * scale);
  }
}

/** |X_k| of a packed real spectrum of n points, for k = 0..n/2. */
export function packedMagnitude(packed: usize, out: usize, n: i32): void {
  packedPower(packed, out, n, 1, 1);
  sqrtInPlace(out, (n >> 1) + 1);
}

function sqrtInPlace(values: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = values + (<usize>i << 2);
    v128.store(o, f32x4.sqrt(v128.load(o)));
  }
  for (; i < n; i++) {
    const o = values + (<usize>i << 2);
    store<f32>(o, Mathf.sqrt(load<f32>(o)));
  }
}

/** Sum of values[lo..hi). */
export function sumRange(values: usize, lo: i32, hi: i32): f32 {
  let acc = f32x4.splat(0);
  let i = lo;
  for (; i + 4 <= hi; i += 4) acc = f32x4.add(acc, v128.load(values + (<usize>i << 2)));
  let sum = hsum(acc);
  for (; i < hi; i++) sum += load<f32>(values + (<usize>i << 2));
  return sum;
}

/**
 * Three sums over a power spectrum in one pass: out[0] = the sum of values[k], out[1] = the sum of k * values[k]
 * (a centroid's numerator), out[2] = the summed half-wave rectified rise of the amplitudes sqrt(values[k]) over
 * `previous`, which then holds the amplitudes. Each sum keeps its own four lanes in blocks of four from k = 0,
 * then the lanes are added and the rest added in order.
 */
export function powerMoments(values: usize, previous: usize, n: i32, out: usize): void {
  let total = f32x4.splat(0);
  let weighted = f32x4.splat(0);
  let rise = f32x4.splat(0);
  let index = f32x4(0, 1, 2, 3);
  const four = f32x4.splat(4);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(values + o);
    total = f32x4.add(total, v);
    weighted = f32x4.add(weighted, f32x4.mul(v, index));
    index = f32x4.add(index, four);
    const amplitude = f32x4.sqrt(v);
    rise = f32x4.add(rise, f32x4.max(zero, f32x4.sub(amplitude, v128.load(previous + o))));
    v128.store(previous + o, amplitude);
  }
  let totalSum = hsum(total);
  let weightedSum = hsum(weighted);
  let riseSum = hsum(rise);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(values + o);
    totalSum += v;
    weightedSum += <f32>i * v;
    const amplitude = Mathf.sqrt(v);
    riseSum += Mathf.max(0, amplitude - load<f32>(previous + o));
    store<f32>(previous + o, amplitude);
  }
  store<f32>(out, totalSum);
  store<f32>(out, weightedSum, 4);
  store<f32>(out, riseSum, 8);
}

/** First index at which the running sum of values reaches `target`, or n - 1 when it never does. */
export function cumulativeIndex(values: usize, n: i32, target: f32): i32 {
  let cumulative: f32 = 0;
  let i = 0;
  // Whole blocks of four first, then the exact bin inside the block that crosses the target.
  for (; i + 4 <= n; i += 4) {
    const block = hsum(v128.load(values + (<usize>i << 2)));
    if (cumulative + block >= target) break;
    cumulative += block;
  }
  for (; i < n; i++) {
    cumulative += load<f32>(values + (<usize>i << 2));
    if (cumulative >= target) return i;
  }
  return n - 1;
}

/** Half-wave rectified rise of `current` over `previous`, summed; then previous := current. */
export function riseAndKeep(current: usize, previous: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const c = v128.load(current + o);
    acc = f32x4.add(acc, f32x4.max(zero, f32x4.sub(c, v128.load(previous + o))));
    v128.store(previous + o, c);
  }
  let sum = hsum(acc);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const c = load<f32>(current + o);
    sum += Mathf.max(0, c - load<f32>(previous + o));
    store<f32>(previous + o, c);
  }
  return sum;
}

/**
 * Sparse rows times a vector, then log compression: out[r] = log10(add + mul * sum_j w[j] * x[start_r + j]),
 * with row r's weights at weights[offset_r .. offset_r + length_r). starts, offsets, lengths are i32 arrays.
 */
export function sparseLogRows(x: usize, starts: usize, offsets: usize, lengths: usize, weights: usize, rows: i32, mul: f32, add: f32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const start = load<i32>(starts + (<usize>r << 2));
    const offset = load<i32>(offsets + (<usize>r << 2));
    const length = load<i32>(lengths + (<usize>r << 2));
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= length; j += 4) {
      acc = f32x4.add(acc, f32x4.mul(v128.load(weights + (<usize>(offset + j) << 2)), v128.load(x + (<usize>(start + j) << 2))));
    }
    let sum = hsum(acc);
    for (; j < length; j++) sum += load<f32>(weights + (<usize>(offset + j) << 2)) * load<f32>(x + (<usize>(start + j) << 2));
    store<f32>(out + (<usize>r << 2), Mathf.log10(add + mul * sum));
  }
}

/** Mean square of values[0..n). */
export function meanSquare(values: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(values + (<usize>i << 2));
    acc = f32x4.add(acc, f32x4.mul(v, v));
  }
  let sum = hsum(acc);
  for (; i < n; i++) {
    const v = load<f32>(values + (<usize>i << 2));
    sum += v * v;
  }
  return n > 0 ? sum / <f32>n : 0;
}

/**
 * Sign changes between consecutive samples of values[start..start+n), counting the step from
 * values[start-1] into the block (start >= 1). A sample is "negative" when < 0.
 */
export function signChanges(values: usize, start: i32, n: i32): i32 {
  let acc = i32x4.splat(0);
  const zero = f32x4.splat(0);
  let i = start;
  const end = start + n;
  for (; i + 4 <= end; i += 4) {
    const o = values + (<usize>i << 2);
    const here = f32x4.lt(v128.load(o), zero);
    const before = f32x4.lt(v128.load(o - 4), zero);
    // Each differing lane is all ones (-1 as i32): subtracting counts it.
    acc = i32x4.sub(acc, v128.xor(here, before));
  }
  let count = i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  for (; i < end; i++) {
    const o = values + (<usize>i << 2);
    if (load<f32>(o) < 0 != load<f32>(o - 4) < 0) count++;
  }
  return count;
}

/** out[i] = (x[i] - mean[i]) * scale[i] for i < n. */
export function standardize(x: usize, mean: usize, scale: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.mul(f32x4.sub(v128.load(x + o), v128.load(mean + o)), v128.load(scale + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, (load<f32>(x + o) - load<f32>(mean + o)) * load<f32>(scale + o));
  }
}

/** Address of the row that tap j of a causal convolution reads, in a ring of `rows` rows of `cin` floats. */
@inline
function tapRow(ring: usize, rows: i32, position: i32, dilation: i32, k: i32, j: i32, cin: i32): usize {
  let row = (position - (k - 1 - j) * dilation) % rows;
  if (row < 0) row += rows;
  return ring + (<usize>(row * cin) << 2);
}

/**
 * One output frame of a causal dilated convolution over a ring of past input rows (row `position` is the newest):
 * out[o] = bias[o] + sum over taps j < k and inputs c < cin of w[(j * cin + c) * cout + o] * x_j[c], where tap j
 * reads the row (k - 1 - j) * dilation frames back. Then max(0, .) if `relu`, then + residual[o] if `addResidual`.
 * Outputs go in blocks of 16 and 4 held in registers, then one at a time.
 */
export function causalConvStep(
  ring: usize, rows: i32, position: i32, dilation: i32, k: i32, cin: i32,
  weights: usize, bias: usize, cout: i32, relu: bool, addResidual: bool, residual: usize, out: usize,
): void {
  let o = 0;
  for (; o + 16 <= cout; o += 16) {
    const ob = <usize>o << 2;
    let a0 = v128.load(bias + ob);
    let a1 = v128.load(bias + ob, 16);
    let a2 = v128.load(bias + ob, 32);
    let a3 = v128.load(bias + ob, 48);
    for (let j = 0; j < k; j++) {
      const x = tapRow(ring, rows, position, dilation, k, j, cin);
      let w = weights + (<usize>(j * cin * cout + o) << 2);
      const stride = <usize>cout << 2;
      for (let c = 0; c < cin; c++) {
        const s = f32x4.splat(load<f32>(x + (<usize>c << 2)));
        a0 = f32x4.add(a0, f32x4.mul(v128.load(w), s));
        a1 = f32x4.add(a1, f32x4.mul(v128.load(w, 16), s));
        a2 = f32x4.add(a2, f32x4.mul(v128.load(w, 32), s));
        a3 = f32x4.add(a3, f32x4.mul(v128.load(w, 48), s));
        w += stride;
      }
    }
    if (relu) {
      const zero = f32x4.splat(0);
      a0 = f32x4.max(a0, zero);
      a1 = f32x4.max(a1, zero);
      a2 = f32x4.max(a2, zero);
      a3 = f32x4.max(a3, zero);
    }
    if (addResidual) {
      a0 = f32x4.add(a0, v128.load(residual + ob));
      a1 = f32x4.add(a1, v128.load(residual + ob, 16));
      a2 = f32x4.add(a2, v128.load(residual + ob, 32));
      a3 = f32x4.add(a3, v128.load(residual + ob, 48));
    }
    v128.store(out + ob, a0);
    v128.store(out + ob, a1, 16);
    v128.store(out + ob, a2, 32);
    v128.store(out + ob, a3, 48);
  }
  for (; o + 4 <= cout; o += 4) {
    const ob = <usize>o << 2;
    let a = v128.load(bias + ob);
    for (let j = 0; j < k; j++) {
      const x = tapRow(ring, rows, position, dilation, k, j, cin);
      let w = weights + (<usize>(j * cin * cout + o) << 2);
      const stride = <usize>cout << 2;
      for (let c = 0; c < cin; c++) {
        a = f32x4.add(a, f32x4.mul(v128.load(w), f32x4.splat(load<f32>(x + (<usize>c << 2)))));
        w += stride;
      }
    }
    if (relu) a = f32x4.max(a, f32x4.splat(0));
    if (addResidual) a = f32x4.add(a, v128.load(residual + ob));
    v128.store(out + ob, a);
  }
  for (; o < cout; o++) {
    const ob = <usize>o << 2;
    let a = load<f32>(bias + ob);
    for (let j = 0; j < k; j++) {
      const x = tapRow(ring, rows, position, dilation, k, j, cin);
      for (let c = 0; c < cin; c++) a += load<f32>(weights + (<usize>((j * cin + c) * cout + o) << 2)) * load<f32>(x + (<usize>c << 2));
    }
    if (relu) a = Mathf.max(a, 0);
    if (addResidual) a += load<f32>(residual + ob);
    store<f32>(out + ob, a);
  }
}
