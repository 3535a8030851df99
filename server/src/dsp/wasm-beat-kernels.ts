import type { BeatFilterArrays, BeatFilterHop, BeatKernels, F64Array, I32Array, KernelArray, ModeMoments } from '../core/beat/beat-kernels.js';
import { instantiateKernels } from './kernel-module.js';

/** Built by `npm run build` from server/assembly/beat-kernels.ts (AssemblyScript, SIMD). */
const WASM_URL = new URL('../../wasm/beat-kernels.wasm', import.meta.url);

interface BeatKernelExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  beatFilterHop(
    k: number, periods: number, offsets: number, heads: number, alpha: number, onset: number, transition: number,
    bandLo: number, bandHi: number, ends: number, starts: number, prior: number, guide: number, locked: number,
    keep: number, spread: number, base0: number, slope: number, rowMass: number,
  ): number;
  modeMoments(k: number, periods: number, offsets: number, heads: number, alpha: number, cosSin: number, rowMass: number, width: number, out: number): void;
  autocorrelation(x: number, n: number, maxLag: number, acf: number): void;
}

/** An array in kernel memory. Its view is cached and only re-taken when memory grows (at set-up, never per hop). */
class WasmArray<View extends Float64Array | Int32Array> implements KernelArray<View> {
  #view: View;

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly ptr: number,
    readonly length: number,
    readonly make: (buffer: ArrayBuffer, ptr: number, length: number) => View,
  ) {
    this.#view = make(memory.buffer, ptr, length);
  }

  view(): View {
    if (this.#view.buffer !== this.memory.buffer) this.#view = this.make(this.memory.buffer, this.ptr, this.length);
    return this.#view;
  }
}

const f64View = (buffer: ArrayBuffer, ptr: number, length: number): Float64Array => new Float64Array(buffer, ptr, length);
const i32View = (buffer: ArrayBuffer, ptr: number, length: number): Int32Array => new Int32Array(buffer, ptr, length);

/** An array a kernel of this memory may read: one it allocated. */
function own(memory: WebAssembly.Memory, name: string, array: KernelArray<Float64Array | Int32Array>): void {
  if (!(array instanceof WasmArray) || array.memory !== memory) throw new Error(`${name} was not allocated by these beat kernels`);
}

/** The beat filter's arrays must be this instance's and agree on its row and state counts before a kernel reads them. */
function checkFilter(memory: WebAssembly.Memory, f: BeatFilterArrays): void {
  for (const [name, array] of Object.entries(f) as [string, KernelArray<Float64Array | Int32Array>][]) own(memory, `beat filter ${name}`, array);
  const k = f.periods.length;
  const states = f.alpha.length;
  const rows: [string, number][] = [['heads', f.heads.length], ['bandLo', f.bandLo.length], ['bandHi', f.bandHi.length], ['priorPerBeat', f.priorPerBeat.length], ['guide', f.guide.length], ['ends', f.ends.length], ['starts', f.starts.length], ['rowMass', f.rowMass.length]];
  for (const [name, length] of rows) if (length !== k) throw new Error(`beat filter: ${name} has ${length} rows; periods has ${k}`);
  if (f.offsets.length !== k + 1) throw new Error(`beat filter: offsets has ${f.offsets.length} entries; expected ${k + 1}`);
  if (f.onset.length !== states || f.cosSin.length !== 2 * states) throw new Error(`beat filter: onset (${f.onset.length}) and cosSin (${f.cosSin.length}) do not match ${states} states`);
  if (f.transition.length !== k * k) throw new Error(`beat filter: transition has ${f.transition.length} entries; expected ${k * k}`);
}

/** The kernels over one WebAssembly instance. A class, so call sites stay monomorphic. */
class WasmBeatKernels implements BeatKernels {
  readonly #k: BeatKernelExports;
  /** Where modeMoments writes its four sums. */
  readonly #moments: F64Array;
  /** The arrays last checked: a filter's arrays never change, so each is checked once. */
  #checked: BeatFilterArrays | undefined;

  constructor(exports: BeatKernelExports) {
    this.#k = exports;
    this.#moments = this.f64(4);
  }

  f64(length: number): F64Array {
    const array = new WasmArray(this.#k.memory, this.#k.alloc(Math.max(8, length * 8)), length, f64View);
    array.view().fill(0);
    return array;
  }

  i32(values: ArrayLike<number>): I32Array {
    const array = new WasmArray(this.#k.memory, this.#k.alloc(Math.max(8, values.length * 4)), values.length, i32View);
    array.view().set(Array.from(values));
    return array;
  }

  beatFilterHop(f: BeatFilterArrays, hop: BeatFilterHop): number {
    this.#check(f);
    if (!(Number.isInteger(hop.locked) && hop.locked >= -1 && hop.locked < f.periods.length)) throw new Error(`beat filter: locked row ${hop.locked} is not a row of ${f.periods.length}`);
    return this.#k.beatFilterHop(
      f.periods.length, f.periods.ptr, f.offsets.ptr, f.heads.ptr, f.alpha.ptr, f.onset.ptr, f.transition.ptr,
      f.bandLo.ptr, f.bandHi.ptr, f.ends.ptr, f.starts.ptr, hop.usePrior ? f.priorPerBeat.ptr : 0, hop.useGuide ? f.guide.ptr : 0, hop.locked,
      hop.keep, hop.spread, hop.base0, hop.slope, f.rowMass.ptr,
    );
  }

  modeMoments(f: BeatFilterArrays, width: number, out: ModeMoments): void {
    this.#check(f);
    this.#k.modeMoments(f.periods.length, f.periods.ptr, f.offsets.ptr, f.heads.ptr, f.alpha.ptr, f.cosSin.ptr, f.rowMass.ptr, width, this.#moments.ptr);
    const sums = this.#moments.view();
    out.mass = sums[0] ?? 0;
    out.periodMass = sums[1] ?? 0;
    out.cos = sums[2] ?? 0;
    out.sin = sums[3] ?? 0;
  }

  autocorrelation(x: F64Array, n: number, maxLag: number, acf: F64Array): void {
    own(this.#k.memory, 'autocorrelation input', x);
    own(this.#k.memory, 'autocorrelation output', acf);
    if (!(Number.isInteger(n) && n >= 1 && n <= x.length)) throw new Error(`autocorrelation: ${n} values do not fit an array of ${x.length}`);
    if (!(Number.isInteger(maxLag) && maxLag >= 0 && maxLag < n && maxLag < acf.length)) throw new Error(`autocorrelation: lag ${maxLag} needs fewer than ${n} values and an output of more than ${maxLag} (it has ${acf.length})`);
    this.#k.autocorrelation(x.ptr, n, maxLag, acf.ptr);
  }

  #check(f: BeatFilterArrays): void {
    if (this.#checked === f) return;
    checkFilter(this.#k.memory, f);
    this.#checked = f;
  }
}

/** A fresh kernel instance with its own memory; arrays allocated from it live as long as it does. */
export async function loadBeatKernels(): Promise<BeatKernels> {
  const exports = await instantiateKernels(WASM_URL, 'beat kernels');
  return new WasmBeatKernels(exports as unknown as BeatKernelExports);
}
