import type { ClientInfo } from './state-client.js';

/** Per-client counters summed over clients; closed clients are folded in so totals survive disconnects. */
export interface CounterTotals {
  sent: number;
  dropped_stale: number;
  dropped_replies: number;
  errors: number;
  bad_messages: number;
}

/** Totals over the life of the state socket, plus the current worst case among live clients. */
export interface StateSocketStats extends CounterTotals {
  clients: number;
  connections_total: number;
  states_seen: number;
  keepalive_terminated: number;
  refused_upgrades: number;
  /** Commands refused because the client had not proved the control token. */
  forbidden_commands: number;
  /** Largest pending count among live clients: never above 1 by construction. */
  max_pending: number;
  max_buffered_amount: number;
}

export function emptyTotals(): CounterTotals {
  return { sent: 0, dropped_stale: 0, dropped_replies: 0, errors: 0, bad_messages: 0 };
}

export function addCounters(into: CounterTotals, info: CounterTotals): void {
  into.sent += info.sent;
  into.dropped_stale += info.dropped_stale;
  into.dropped_replies += info.dropped_replies;
  into.errors += info.errors;
  into.bad_messages += info.bad_messages;
}

export function summariseClients(
  live: readonly ClientInfo[],
  retired: CounterTotals,
): CounterTotals & { clients: number; max_pending: number; max_buffered_amount: number } {
  const totals = emptyTotals();
  addCounters(totals, retired);
  let maxPending = 0;
  let maxBuffered = 0;
  for (const info of live) {
    addCounters(totals, info);
    maxPending = Math.max(maxPending, info.pending);
    maxBuffered = Math.max(maxBuffered, info.buffered_amount);
  }
  return { ...totals, clients: live.length, max_pending: maxPending, max_buffered_amount: maxBuffered };
}
