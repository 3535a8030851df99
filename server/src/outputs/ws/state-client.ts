import { WebSocket } from 'ws';
import type { Hz, Milliseconds } from '../../core/units.js';
import type { SubscribeMessage } from './client-messages.js';
import { LatestOnlySender } from './latest-only-sender.js';
import { RateGate } from './rate-gate.js';
import type { ClientRole } from './server-messages.js';

/** What the server reports about one connected client (for /api/status and the log). */
export interface ClientInfo {
  id: string;
  remote_address: string;
  connected_at: Milliseconds;
  /** `control` once the client has proved the token; viewers (projectors) only read. */
  role: ClientRole;
  /** Revision of the last scene sent to it; -1 before the first. */
  scene_rev: number;
  display: string | null;
  latency_ms: Milliseconds | null;
  /** Subscribed state rate; null means every hop. */
  rate: Hz | null;
  sent: number;
  /** States replaced by a newer one before they could be sent (slow reader). */
  dropped_stale: number;
  /** Control replies (pong, error) skipped because the client's socket was backed up. */
  dropped_replies: number;
  /** Failed sends and socket errors. */
  errors: number;
  /** Malformed client messages, each answered with an `error` message. */
  bad_messages: number;
  pending: number;
  in_flight: boolean;
  buffered_amount: number;
  /** Round trip of the last ws-level ping; null before the first pong. */
  last_rtt_ms: Milliseconds | null;
}

/** One connection to /ws: its subscription, its backpressure state and its counters. */
export class StateClient {
  readonly id: string;
  readonly ws: WebSocket;
  readonly remoteAddress: string;
  /** The remote address without the port: auth lock-outs and rate limits are per host. */
  readonly host: string;
  readonly connectedAt: Milliseconds;
  role: ClientRole;
  sceneRev = -1;
  readonly sender: LatestOnlySender;
  readonly gate = new RateGate(null);
  display: string | null = null;
  latencyMs: Milliseconds | null = null;
  badMessages = 0;
  socketErrors = 0;
  /** Cleared at each keep-alive ping, set again by the pong; still clear at the next ping means dead. */
  alive = true;
  pingSentAt: Milliseconds | null = null;
  lastRttMs: Milliseconds | null = null;

  constructor(id: string, ws: WebSocket, remote: { host: string; port: number | undefined }, connectedAt: Milliseconds, maxBufferedBytes: number, role: ClientRole = 'viewer') {
    this.id = id;
    this.ws = ws;
    this.host = remote.host;
    this.remoteAddress = `${remote.host}:${String(remote.port ?? '?')}`;
    this.role = role;
    this.connectedAt = connectedAt;
    this.sender = new LatestOnlySender(
      {
        send: (data, done) => {
          ws.send(data, { binary: false }, done);
        },
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
        isOpen: () => ws.readyState === WebSocket.OPEN,
      },
      maxBufferedBytes,
    );
  }

  /** A subscribe message replaces the whole subscription; absent fields go back to their defaults. */
  subscribe(message: SubscribeMessage): void {
    this.gate.setRate(message.rate ?? null);
    this.display = message.display ?? null;
    this.latencyMs = message.latency_ms ?? null;
  }

  info(): ClientInfo {
    return {
      id: this.id,
      remote_address: this.remoteAddress,
      connected_at: this.connectedAt,
      role: this.role,
      scene_rev: this.sceneRev,
      display: this.display,
      latency_ms: this.latencyMs,
      rate: this.gate.rate,
      sent: this.sender.sent,
      dropped_stale: this.sender.droppedStale,
      dropped_replies: this.sender.droppedReplies,
      errors: this.sender.errors + this.socketErrors,
      bad_messages: this.badMessages,
      pending: this.sender.pending,
      in_flight: this.sender.inFlight,
      buffered_amount: this.ws.bufferedAmount,
      last_rtt_ms: this.lastRttMs,
    };
  }
}
