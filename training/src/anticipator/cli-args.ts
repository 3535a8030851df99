/** Option parsing shared by the structure-model CLIs: numbers in a range and delta orders, with errors naming the option. */
import type { DeltaOrder } from '@fractalsync/server/core/hop/deltas';

export function num(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} "${text}" is invalid; expected a number from ${min} to ${max}`);
  return n;
}

export const DELTA_ORDERS: readonly DeltaOrder[] = ['none', 'delta', 'delta-delta'];

export function order(text: string): DeltaOrder {
  const found = DELTA_ORDERS.find((o) => o === text);
  if (found === undefined) throw new Error(`--deltas "${text}" is invalid; expected one of ${DELTA_ORDERS.join(', ')}`);
  return found;
}
