import type { CausalConvStep, KernelBuffer, SparseRows, VectorKernels } from '../core/dsp/vector-kernels.js';
import { instantiateKernels } from './kernel-module.js';

/** Built by `npm run build` from server/assembly/vector-kernels.ts (AssemblyScript, SIMD). */
const WASM_URL = new URL('../../wasm/vector-kernels.wasm', import.meta.url);

interface KernelExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  multiply(a: number, b: number, dst: number, n: number): void;
  packedPower(packed: number, out: number, n: number, edgeScale: number, scale: number): void;
  packedMagnitude(packed: number, out: number, n: number): void;
  sumRange(values: number, lo: number, hi: number): number;
  powerMoments(values: number, previous: number, n: number, out: number): void;
  cumulativeIndex(values: number, n: number, target: number): number;
  riseAndKeep(current: number, previous: number, n: number): number;
  sparseLogRows(x: number, starts: number, offsets: number, lengths: number, weights: number, rows: number, mul: number, add: number, out: number): void;
  meanSquare(values: number, n: number): number;
  signChanges(values: number, start: number, n: number): number;
  standardize(x: number, mean: number, scale: number, out: number, n: number): void;
  causalConvStep(
    ring: number, rows: number, position: number, dilation: number, k: number, cin: number,
    weights: number, bias: number, cout: number, relu: number, addResidual: number, residual: number, out: number,
  ): void;
}

function sameLength(name: string, expected: number, actual: number): void {
  if (expected !== actual) throw new Error(`${name}: buffer lengths differ (${expected} and ${actual})`);
}

/** A buffer in kernel memory. Its view is cached and only re-taken when memory grows (at set-up, never per hop). */
class WasmBuffer implements KernelBuffer {
  #view: Float32Array;

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly ptr: number,
    readonly length: number,
  ) {
    this.#view = new Float32Array(memory.buffer, ptr, length);
  }

  f32(): Float32Array {
    if (this.#view.buffer !== this.memory.buffer) this.#view = new Float32Array(this.memory.buffer, this.ptr, this.length);
    return this.#view;
  }

  sub(start: number, count: number): KernelBuffer {
    if (start < 0 || count < 0 || start + count > this.length) throw new Error(`sub-buffer [${start}, ${start + count}) is outside a buffer of ${this.length}`);
    return new WasmBuffer(this.memory, this.ptr + start * 4, count);
  }
}

/** The kernels over one WebAssembly instance. A class, so call sites stay monomorphic however many instances exist. */
class WasmVectorKernels implements VectorKernels {
  readonly #k: KernelExports;

  constructor(exports: KernelExports) {
    this.#k = exports;
  }

  f32(length: number): KernelBuffer {
    const buffer = new WasmBuffer(this.#k.memory, this.#k.alloc(Math.max(4, length * 4)), length);
    buffer.f32().fill(0);
    return buffer;
  }

  i32(values: readonly number[]): KernelBuffer {
    const buffer = this.f32(values.length);
    new Int32Array(this.#k.memory.buffer, buffer.ptr, values.length).set(values);
    return buffer;
  }

  multiply(a: KernelBuffer, b: KernelBuffer, dst: KernelBuffer): void {
    sameLength('multiply', a.length, dst.length);
    sameLength('multiply', b.length, dst.length);
    this.#k.multiply(a.ptr, b.ptr, dst.ptr, dst.length);
  }

  packedPower(packed: KernelBuffer, out: KernelBuffer, edgeScale: number, scale: number): void {
    sameLength('packedPower', packed.length / 2 + 1, out.length);
    this.#k.packedPower(packed.ptr, out.ptr, packed.length, edgeScale, scale);
  }

  packedMagnitude(packed: KernelBuffer, out: KernelBuffer): void {
    sameLength('packedMagnitude', packed.length / 2 + 1, out.length);
    this.#k.packedMagnitude(packed.ptr, out.ptr, packed.length);
  }

  sumRange(values: KernelBuffer, lo: number, hi: number): number {
    return this.#k.sumRange(values.ptr, Math.max(0, lo), Math.min(values.length, hi));
  }

  powerMoments(values: KernelBuffer, previous: KernelBuffer, out: KernelBuffer): void {
    sameLength('powerMoments', values.length, previous.length);
    if (out.length < 3) throw new Error(`powerMoments: the output holds ${out.length} values; it needs 3`);
    this.#k.powerMoments(values.ptr, previous.ptr, values.length, out.ptr);
  }

  cumulativeIndex(values: KernelBuffer, target: number): number {
    return this.#k.cumulativeIndex(values.ptr, values.length, target);
  }

  riseAndKeep(current: KernelBuffer, previous: KernelBuffer): number {
    sameLength('riseAndKeep', current.length, previous.length);
    return this.#k.riseAndKeep(current.ptr, previous.ptr, current.length);
  }

  sparseLogRows(x: KernelBuffer, rows: SparseRows, mul: number, add: number, out: KernelBuffer): void {
    sameLength('sparseLogRows', rows.rows, out.length);
    this.#k.sparseLogRows(x.ptr, rows.starts.ptr, rows.offsets.ptr, rows.lengths.ptr, rows.weights.ptr, rows.rows, mul, add, out.ptr);
  }

  meanSquare(values: KernelBuffer): number {
    return this.#k.meanSquare(values.ptr, values.length);
  }

  signChanges(values: KernelBuffer, start: number, n: number): number {
    if (start < 1 || start + n > values.length) throw new Error(`signChanges: [${start - 1}, ${start + n}) is outside a buffer of ${values.length}`);
    return this.#k.signChanges(values.ptr, start, n);
  }

  standardize(x: KernelBuffer, mean: KernelBuffer, scale: KernelBuffer, out: KernelBuffer): void {
    sameLength('standardize', x.length, out.length);
    sameLength('standardize', mean.length, out.length);
    sameLength('standardize', scale.length, out.length);
    this.#k.standardize(x.ptr, mean.ptr, scale.ptr, out.ptr, out.length);
  }

  causalConvStep(step: CausalConvStep): void {
    const { ring, rows, position, dilation, kernel, weights, bias, relu, residual, out } = step;
    const cin = ring.length / rows;
    const cout = out.length;
    if (!Number.isInteger(cin) || cin < 1) throw new Error(`causalConvStep: a ring of ${ring.length} floats does not hold ${rows} rows`);
    if (!(Number.isInteger(position) && position >= 0 && position < rows)) throw new Error(`causalConvStep: position ${position} is outside a ring of ${rows} rows`);
    if ((kernel - 1) * dilation >= rows) throw new Error(`causalConvStep: kernel ${kernel} at dilation ${dilation} reaches further back than the ring's ${rows} rows`);
    sameLength('causalConvStep weights', kernel * cin * cout, weights.length);
    sameLength('causalConvStep bias', cout, bias.length);
    if (residual !== undefined) sameLength('causalConvStep residual', cout, residual.length);
    this.#k.causalConvStep(ring.ptr, rows, position, dilation, kernel, cin, weights.ptr, bias.ptr, cout, relu ? 1 : 0, residual ? 1 : 0, residual?.ptr ?? 0, out.ptr);
  }
}

/** A fresh kernel instance with its own memory; buffers allocated from it live as long as it does. */
export async function loadVectorKernels(): Promise<VectorKernels> {
  const exports = await instantiateKernels(WASM_URL, 'feature kernels');
  return new WasmVectorKernels(exports as unknown as KernelExports);
}
