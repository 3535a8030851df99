import type { Hz, Milliseconds, Seconds } from '../../core/units.js';
import { CONTRACT_VERSION, HOP_RATE, PROTOCOL_VERSION, SAMPLE_RATE } from './protocol.js';

/** First message on every connection: versions, clocks and rates the client needs before the first state. */
export interface HelloMessage {
  type: 'hello';
  v: typeof PROTOCOL_VERSION;
  contract_version: typeof CONTRACT_VERSION;
  server_time: Milliseconds;
  stream_time: Seconds;
  hop_rate: Hz;
  sample_rate: Hz;
  client_id: string;
}

/** Answer to a ping: t0 echoed, t1 when the server received the ping, t2 when it sent this pong. */
export interface PongMessage {
  type: 'pong';
  id: string | number;
  t0: Milliseconds;
  t1: Milliseconds;
  t2: Milliseconds;
}

/** Acknowledges a subscribe with the subscription now in force, so a client knows when it applies. */
export interface SubscribedMessage {
  type: 'subscribed';
  client_id: string;
  rate: Hz | null;
  display: string | null;
  latency_ms: Milliseconds | null;
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  error: string;
}

export type ServerMessage = HelloMessage | PongMessage | SubscribedMessage | ErrorMessage;

export function helloMessage(clientId: string, serverTime: Milliseconds, streamTime: Seconds): HelloMessage {
  return {
    type: 'hello',
    v: PROTOCOL_VERSION,
    contract_version: CONTRACT_VERSION,
    server_time: serverTime,
    stream_time: streamTime,
    hop_rate: HOP_RATE,
    sample_rate: SAMPLE_RATE,
    client_id: clientId,
  };
}

export function pongMessage(id: string | number, t0: Milliseconds, t1: Milliseconds, t2: Milliseconds): PongMessage {
  return { type: 'pong', id, t0, t1, t2 };
}

export function subscribedMessage(
  clientId: string,
  rate: Hz | null,
  display: string | null,
  latencyMs: Milliseconds | null,
): SubscribedMessage {
  return { type: 'subscribed', client_id: clientId, rate, display, latency_ms: latencyMs };
}

export function errorMessage(code: string, error: string): ErrorMessage {
  return { type: 'error', code, error };
}

/** Control messages are JSON text frames; states are not built here, they go out as the bus's own JSON string. */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}
