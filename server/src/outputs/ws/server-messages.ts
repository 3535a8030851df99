import type { Scene } from '../../core/scene/scene.js';
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
  /** `viewer` until an `auth` succeeds; `control` at once when control.require_token is off. */
  role: ClientRole;
  auth_required: boolean;
}

export type ClientRole = 'viewer' | 'control';

/** The current scene: right after hello, and to every client on every change. */
export interface SceneMessage {
  type: 'scene';
  rev: number;
  scene: Scene;
}

/** A successful auth: this connection may now send commands. */
export interface AuthedMessage {
  type: 'authed';
  role: 'control';
}

/** Answer to a command: ok, or the handler's reason for refusing it. */
export interface AckMessage {
  type: 'ack';
  id: string | number;
  ok: boolean;
  error?: string;
}

/** Tempo lock and meter override as last commanded, to controllers, so every surface shows the same toggles. */
export interface BeatControlsMessage {
  type: 'beat_controls';
  locked: boolean;
  meter: number | null;
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
  /** The command id, when the error answers a command (code forbidden). */
  id?: string | number;
}

export type ServerMessage = HelloMessage | PongMessage | SubscribedMessage | ErrorMessage | SceneMessage | AuthedMessage | AckMessage | BeatControlsMessage;

export function helloMessage(clientId: string, serverTime: Milliseconds, streamTime: Seconds, role: ClientRole = 'viewer', authRequired = true): HelloMessage {
  return {
    type: 'hello',
    v: PROTOCOL_VERSION,
    contract_version: CONTRACT_VERSION,
    server_time: serverTime,
    stream_time: streamTime,
    hop_rate: HOP_RATE,
    sample_rate: SAMPLE_RATE,
    client_id: clientId,
    role,
    auth_required: authRequired,
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

export function errorMessage(code: string, error: string, id?: string | number): ErrorMessage {
  return id === undefined ? { type: 'error', code, error } : { type: 'error', code, error, id };
}

export function sceneMessage(rev: number, scene: Scene): SceneMessage {
  return { type: 'scene', rev, scene };
}

export function ackMessage(id: string | number, result: { ok: true } | { ok: false; error: string }): AckMessage {
  return result.ok ? { type: 'ack', id, ok: true } : { type: 'ack', id, ok: false, error: result.error };
}

/** Control messages are JSON text frames; states are not built here, they go out as the bus's own JSON string. */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}
