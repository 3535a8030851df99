/** Option parsing shared by the training CLIs: numbers in a range, delta orders and set names, with errors naming the option. */
import type { DeltaOrder } from '@fractalsync/server/core/hop/deltas';

export function num(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} "${text}" is invalid; expected a number from ${min} to ${max}`);
  return n;
}

/** A number or nothing: for options whose range and default the receiver checks (the training API's request). */
export function optionalNum(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`--${name} "${text}" is not a number`);
  return n;
}

/** A comma list of whole numbers, each from `min` to `max` (a TCN's dilations). */
export function intList(name: string, text: string | undefined, fallback: readonly number[], min: number, max: number): number[] {
  if (text === undefined) return [...fallback];
  const items = text.split(',');
  const values = items.map((item) => Number(item.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < min || v > max)) {
    throw new Error(`--${name} "${text}" is invalid; expected a comma list of whole numbers from ${min} to ${max}`);
  }
  return values;
}

export const DELTA_ORDERS: readonly DeltaOrder[] = ['none', 'delta', 'delta-delta'];

export function order(text: string): DeltaOrder {
  const found = DELTA_ORDERS.find((o) => o === text);
  if (found === undefined) throw new Error(`--deltas "${text}" is invalid; expected one of ${DELTA_ORDERS.join(', ')}`);
  return found;
}

/** A data set's folder name under .cache: one path segment, nothing a shell or another OS would read differently. */
export function setName(text: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(text)) throw new Error(`--set "${text}" is invalid; use letters, digits, '.', '_' and '-'`);
  return text;
}

/** "--shard I/N": the I-th (from 0) of N processes building a set side by side. */
export function shard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !(count >= 1 && index < count)) throw new Error(`--shard "${text}" is invalid; expected I/N with N >= 1 and 0 <= I < N, e.g. 0/2`);
  return { index, count };
}
