// The beat tracker's per-hop loops, compiled to WebAssembly SIMD (AssemblyScript): the beat filter's hop, its
// phase moments and tempo induction's autocorrelation. server/src/core/beat/ defines what they compute and owns
// the state; these only run its loops. Pointers are byte offsets into this module's memory; arrays are f64 or i32.
// Every sum runs in the order of the loops it replaces, one lane per independent sum, so results are exact to
// the bit (WebAssembly has no implicit fused multiply-add): the tracker's output does not depend on the lanes.

/** Reserves `bytes` of memory (16-byte aligned); never freed: buffers live as long as the tracker. */
export function alloc(bytes: i32): usize {
  return heap.alloc(<usize>bytes);
}

@inline function i32At(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

@inline function f64At(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline function setF64(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/**
 * `count` states from `states` weighed by the onset probabilities from `onset` (both consecutive):
 * v = (keep * alpha + spread) * (base0 + onset * slope), stored back; returns `mass` plus the v in order.
 */
@inline function weigh(states: usize, onset: usize, count: i32, keep: v128, spread: v128, base0: v128, slope: v128, mass: f64): f64 {
  let r = 0;
  for (; r + 2 <= count; r += 2) {
    const o = <usize>r << 3;
    const v = f64x2.mul(f64x2.add(f64x2.mul(keep, v128.load(states + o)), spread), f64x2.add(base0, f64x2.mul(v128.load(onset + o), slope)));
    v128.store(states + o, v);
    mass += f64x2.extract_lane(v, 0);
    mass += f64x2.extract_lane(v, 1);
  }
  if (r < count) {
    const o = <usize>r << 3;
    const v =
      (f64x2.extract_lane(keep, 0) * load<f64>(states + o) + f64x2.extract_lane(spread, 0)) *
      (f64x2.extract_lane(base0, 0) + load<f64>(onset + o) * f64x2.extract_lane(slope, 0));
    store<f64>(states + o, v);
    mass += v;
  }
  return mass;
}

/**
 * One hop of the beat filter (server/src/core/beat/beat-filter.ts): every row's head moves back one slot, the
 * mass leaving each row's last position is spread over tempi by `transition` (row i to columns
 * [bandLo[i], bandHi[i])), weighed by `prior` and `guide` (0: none) into each row's new position 0 (only row
 * `locked` when it is not -1), then every state is weighed by its onset evidence. Writes each row's mass to
 * `rowMass`; returns the total.
 */
export function beatFilterHop(
  k: i32, periods: usize, offsets: usize, heads: usize, alpha: usize, onset: usize, transition: usize,
  bandLo: usize, bandHi: usize, ends: usize, starts: usize, prior: usize, guide: usize, locked: i32,
  keep: f64, spread: f64, base0: f64, slope: f64, rowMass: usize,
): f64 {
  for (let i = 0; i < k; i++) {
    const n = i32At(periods, i);
    // Moving the head back one slot turns position n-1 into the new position 0 (read it first).
    const head = (i32At(heads, i) + n - 1) % n;
    setF64(ends, i, f64At(alpha, i32At(offsets, i) + head));
    store<i32>(heads + (<usize>i << 2), head);
    setF64(starts, i, 0);
  }
  for (let i = 0; i < k; i++) {
    const end = f64At(ends, i);
    if (end == 0) continue;
    const row = transition + (<usize>(i * k) << 3);
    const hi = i32At(bandHi, i);
    for (let j = i32At(bandLo, i); j < hi; j++) setF64(starts, j, f64At(starts, j) + end * f64At(row, j));
  }
  for (let j = 0; j < k; j++) {
    const weight = prior == 0 ? 1.0 : f64At(prior, j);
    const g = guide == 0 ? 1.0 : f64At(guide, j);
    setF64(alpha, i32At(offsets, j) + i32At(heads, j), locked < 0 || locked == j ? f64At(starts, j) * weight * g : 0);
  }
  const vKeep = f64x2.splat(keep);
  const vSpread = f64x2.splat(spread);
  const vBase0 = f64x2.splat(base0);
  const vSlope = f64x2.splat(slope);
  let total: f64 = 0;
  for (let i = 0; i < k; i++) {
    const n = i32At(periods, i);
    const head = i32At(heads, i);
    const row = alpha + (<usize>i32At(offsets, i) << 3);
    const template = onset + (<usize>i32At(offsets, i) << 3);
    // Position p is stored at slot (head + p) mod n: slots [head, n) hold positions [0, n - head), then [0, head).
    let mass = weigh(row + (<usize>head << 3), template, n - head, vKeep, vSpread, vBase0, vSlope, 0);
    mass = weigh(row, template + (<usize>(n - head) << 3), head, vKeep, vSpread, vBase0, vSlope, mass);
    setF64(rowMass, i, mass);
    total += mass;
  }
  return total;
}

/** Adds w * (cos, sin) of `count` consecutive positions (`cosSin` interleaved) to `sums`, in position order. */
@inline function moments(states: usize, cosSin: usize, count: i32, sums: v128): v128 {
  for (let r = 0; r < count; r++) {
    sums = f64x2.add(sums, f64x2.mul(f64x2.splat(load<f64>(states + (<usize>r << 3))), v128.load(cosSin + (<usize>r << 4))));
  }
  return sums;
}

/**
 * The dominant tempo mode of the beat filter: the row of largest `rowMass` (the first of equals) and every row
 * whose period is within `width` of its period (relative). Writes out[0..3]: their mass, the sum of mass times
 * period, and the sums of alpha times cos and sin of each position (`cosSin` interleaved per state).
 */
export function modeMoments(k: i32, periods: usize, offsets: usize, heads: usize, alpha: usize, cosSin: usize, rowMass: usize, width: f64, out: usize): void {
  let best = 0;
  for (let i = 1; i < k; i++) if (f64At(rowMass, i) > f64At(rowMass, best)) best = i;
  const centre = <f64>i32At(periods, best);
  let mass: f64 = 0;
  let period: f64 = 0;
  let sums = f64x2.splat(0);
  for (let i = 0; i < k; i++) {
    const n = i32At(periods, i);
    if (Math.abs(<f64>n / centre - 1) > width) continue;
    const m = f64At(rowMass, i);
    mass += m;
    period += m * <f64>n;
    const head = i32At(heads, i);
    const offset = i32At(offsets, i);
    const row = alpha + (<usize>offset << 3);
    const phases = cosSin + (<usize>offset << 4);
    sums = moments(row + (<usize>head << 3), phases, n - head, sums);
    sums = moments(row, phases + (<usize>(n - head) << 4), head, sums);
  }
  setF64(out, 0, mass);
  setF64(out, 1, period);
  setF64(out, 2, f64x2.extract_lane(sums, 0));
  setF64(out, 3, f64x2.extract_lane(sums, 1));
}

/**
 * acf[lag] = (sum over j < n - lag of x[j + lag] * x[j]) / (n - lag) for lag = 0..maxLag (maxLag < n), each sum in
 * order of j. Two lags share a vector; two vectors run side by side so the additions do not wait on each other.
 */
export function autocorrelation(x: usize, n: i32, maxLag: i32, acf: usize): void {
  let lag = 0;
  for (; lag + 3 <= maxLag; lag += 4) {
    let low = f64x2.splat(0);
    let high = f64x2.splat(0);
    // Terms every lag of the four has: j < n - lag - 3.
    const shared = n - lag - 3;
    const at = x + (<usize>lag << 3);
    for (let j = 0; j < shared; j++) {
      const o = <usize>j << 3;
      const xj = f64x2.splat(load<f64>(x + o));
      low = f64x2.add(low, f64x2.mul(v128.load(at + o), xj));
      high = f64x2.add(high, f64x2.mul(v128.load(at + o, 16), xj));
    }
    let s0 = f64x2.extract_lane(low, 0);
    let s1 = f64x2.extract_lane(low, 1);
    let s2 = f64x2.extract_lane(high, 0);
    const s3 = f64x2.extract_lane(high, 1);
    // The shorter lags' last terms: three more for lag, two for lag + 1, one for lag + 2.
    for (let j = max(0, shared); j < n - lag; j++) s0 += f64At(x, j + lag) * f64At(x, j);
    for (let j = max(0, shared); j < n - lag - 1; j++) s1 += f64At(x, j + lag + 1) * f64At(x, j);
    for (let j = max(0, shared); j < n - lag - 2; j++) s2 += f64At(x, j + lag + 2) * f64At(x, j);
    setF64(acf, lag, s0 / <f64>(n - lag));
    setF64(acf, lag + 1, s1 / <f64>(n - lag - 1));
    setF64(acf, lag + 2, s2 / <f64>(n - lag - 2));
    setF64(acf, lag + 3, s3 / <f64>(n - lag - 3));
  }
  for (; lag <= maxLag; lag++) {
    let sum: f64 = 0;
    for (let j = 0; j < n - lag; j++) sum += f64At(x, j + lag) * f64At(x, j);
    setF64(acf, lag, sum / <f64>(n - lag));
  }
}
