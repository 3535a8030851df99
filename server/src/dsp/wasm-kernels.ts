import { readFile } from 'node:fs/promises';
import type { KernelBuffer, SparseRows, VectorKernels } from '../core/dsp/vector-kernels.js';

/** Built by `npm run build` from server/assembly/vector-kernels.ts (AssemblyScript, SIMD). */
const WASM_URL = new URL('../../wasm/vector-kernels.wasm', import.meta.url);

interface KernelExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  multiply(a: number, b: number, dst: number, n: number): void;
  packedPower(packed: number, out: number, n: number, edgeScale: number, scale: number): void;
  packedMagnitude(packed: number, out: number, n: number): void;
  sumRange(values: number, lo: number, hi: number): number;
  indexWeightedSum(values: number, n: number): number;
  cumulativeIndex(values: number, n: number, target: number): number;
  riseAndKeep(current: number, previous: number, n: number, takeSqrt: number): number;
  sparseLogRows(x: number, starts: number, offsets: number, lengths: number, weights: number, rows: number, mul: number, add: number, out: number): void;
  meanSquare(values: number, n: number): number;
  signChanges(values: number, start: number, n: number): number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

async function compile(): Promise<WebAssembly.Module> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(WASM_URL));
  } catch (error) {
    throw new Error(`feature kernels not found at ${WASM_URL.pathname} (${error instanceof Error ? error.message : String(error)}); run \`npm run build\``, { cause: error });
  }
  return WebAssembly.compile(bytes);
}

function sameLength(name: string, expected: number, actual: number): void {
  if (expected !== actual) throw new Error(`${name}: buffer lengths differ (${expected} and ${actual})`);
}

/** A fresh kernel instance with its own memory; buffers allocated from it live as long as it does. */
export async function loadVectorKernels(): Promise<VectorKernels> {
  compiled ??= compile();
  const instance = await WebAssembly.instantiate(await compiled, {
    env: {
      abort: () => {
        throw new Error('feature kernel aborted');
      },
    },
  });
  const k = instance.exports as unknown as KernelExports;
  const buffer = (ptr: number, length: number): KernelBuffer => {
    // The view is cached: it only has to be re-taken when memory grows (at set-up, never per hop).
    let view = new Float32Array(k.memory.buffer, ptr, length);
    return {
      ptr,
      length,
      f32: () => {
        if (view.buffer !== k.memory.buffer) view = new Float32Array(k.memory.buffer, ptr, length);
        return view;
      },
      sub: (start, count) => {
      if (start < 0 || count < 0 || start + count > length) throw new Error(`sub-buffer [${start}, ${start + count}) is outside a buffer of ${length}`);
        return buffer(ptr + start * 4, count);
      },
    };
  };
  const allocate = (length: number): KernelBuffer => {
    const ptr = k.alloc(Math.max(4, length * 4));
    const b = buffer(ptr, length);
    b.f32().fill(0);
    return b;
  };
  return {
    f32: allocate,
    i32(values) {
      const b = allocate(values.length);
      new Int32Array(k.memory.buffer, b.ptr, values.length).set(values);
      return b;
    },
    multiply(a, b, dst) {
      sameLength('multiply', a.length, dst.length);
      sameLength('multiply', b.length, dst.length);
      k.multiply(a.ptr, b.ptr, dst.ptr, dst.length);
    },
    packedPower(packed, out, edgeScale, scale) {
      sameLength('packedPower', packed.length / 2 + 1, out.length);
      k.packedPower(packed.ptr, out.ptr, packed.length, edgeScale, scale);
    },
    packedMagnitude(packed, out) {
      sameLength('packedMagnitude', packed.length / 2 + 1, out.length);
      k.packedMagnitude(packed.ptr, out.ptr, packed.length);
    },
    sumRange: (values, lo, hi) => k.sumRange(values.ptr, Math.max(0, lo), Math.min(values.length, hi)),
    indexWeightedSum: (values) => k.indexWeightedSum(values.ptr, values.length),
    cumulativeIndex: (values, target) => k.cumulativeIndex(values.ptr, values.length, target),
    riseAndKeep(current, previous, sqrt) {
      sameLength('riseAndKeep', current.length, previous.length);
      return k.riseAndKeep(current.ptr, previous.ptr, current.length, sqrt ? 1 : 0);
    },
    sparseLogRows(x, rows: SparseRows, mul, add, out) {
      sameLength('sparseLogRows', rows.rows, out.length);
      k.sparseLogRows(x.ptr, rows.starts.ptr, rows.offsets.ptr, rows.lengths.ptr, rows.weights.ptr, rows.rows, mul, add, out.ptr);
    },
    meanSquare: (values) => k.meanSquare(values.ptr, values.length),
    signChanges(values, start, n) {
      if (start < 1 || start + n > values.length) throw new Error(`signChanges: [${start - 1}, ${start + n}) is outside a buffer of ${values.length}`);
      return k.signChanges(values.ptr, start, n);
    },
  };
}
