// Atomics.waitAsync is in Node 20 (V8) but only in TypeScript's ES2024 lib, which would also admit APIs that
// Node 20 lacks (Promise.withResolvers, Object.groupBy); this declares just the one function.
interface Atomics {
  waitAsync(
    typedArray: Int32Array,
    index: number,
    value: number,
    timeout?: number,
  ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
}
