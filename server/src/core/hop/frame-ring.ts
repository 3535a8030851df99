import type { HopIndex } from '../units.js';

/**
 * The last `capacity` feature rows. The producer appends exactly one row per hop; consumers read rows
 * and windows without advancing anything, so what a consumer sees never depends on how often it reads.
 */
export class FrameRing {
  readonly rowLength: number;
  readonly capacity: number;
  readonly #rows: Float32Array;
  #count = 0;

  constructor(rowLength: number, capacity: number) {
    if (!Number.isInteger(rowLength) || rowLength <= 0) throw new Error(`frame ring row length ${rowLength} must be a positive integer`);
    if (!Number.isInteger(capacity) || capacity <= 0) throw new Error(`frame ring capacity ${capacity} must be a positive integer`);
    this.rowLength = rowLength;
    this.capacity = capacity;
    this.#rows = new Float32Array(rowLength * capacity);
  }

  /** Rows appended since the start: the hop index of the newest row. */
  get count(): HopIndex {
    return this.#count;
  }

  reset(): void {
    this.#rows.fill(0);
    this.#count = 0;
  }

  /** Appends a row (copied). */
  append(row: Float32Array): void {
    if (row.length !== this.rowLength) throw new Error(`frame row has ${row.length} values; this ring holds rows of ${this.rowLength}`);
    this.#rows.set(row, (this.#count % this.capacity) * this.rowLength);
    this.#count++;
  }

  /** A view of the row of hop `hop` (1-based), or undefined when it is not held any more or not yet. */
  row(hop: HopIndex): Float32Array | undefined {
    if (!Number.isInteger(hop) || hop < 1 || hop > this.#count || hop <= this.#count - this.capacity) return undefined;
    const start = ((hop - 1) % this.capacity) * this.rowLength;
    return this.#rows.subarray(start, start + this.rowLength);
  }

  /**
   * Copies the newest `frames` rows, oldest first, into `out` (frames x rowLength); rows before the
   * stream began are zeros.
   */
  window(frames: number, out: Float32Array = new Float32Array(frames * this.rowLength)): Float32Array {
    if (!Number.isInteger(frames) || frames < 1 || frames > this.capacity) {
      throw new Error(`window of ${frames} frames is not available; expected 1 to ${this.capacity}`);
    }
    if (out.length < frames * this.rowLength) throw new Error(`window buffer holds ${out.length} values; ${frames * this.rowLength} needed`);
    for (let i = 0; i < frames; i++) {
      const hop = this.#count - frames + 1 + i;
      const row = this.row(hop);
      if (row) out.set(row, i * this.rowLength);
      else out.fill(0, i * this.rowLength, (i + 1) * this.rowLength);
    }
    return out;
  }
}
