import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { StateBus } from '../../bus/state-bus.js';
import type { Logger } from '../../log.js';
import type { Milliseconds } from '../../core/units.js';
import { parseClientMessage } from './client-messages.js';
import type { ClientMessage } from './client-messages.js';
import {
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_CLIENTS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_MESSAGE_LIMIT_BYTES,
  DEFAULT_PATH,
  DEFAULT_PING_INTERVAL_MS,
  serverNow,
} from './protocol.js';
import { ControlChannel, type WsControlOptions } from './control-channel.js';
import { encodeServerMessage, errorMessage, helloMessage, pongMessage, subscribedMessage } from './server-messages.js';
import { StateClient } from './state-client.js';
import type { ClientInfo } from './state-client.js';
import { addCounters, emptyTotals, summariseClients } from './stats.js';
import type { StateSocketStats } from './stats.js';

export interface StateSocketOptions {
  path?: string;
  /** Largest frame in bytes; ws closes bigger ones with 1009 (config ws.max_payload_bytes). */
  maxPayload?: number;
  /** Largest client message in bytes; bigger ones get a too_large error (config ws.client_message_max_bytes). */
  clientMessageMaxBytes?: number;
  /** Further upgrades are refused with 503 (config ws.max_clients). */
  maxClients?: number;
  /** States wait while more than this is queued on a client's socket. */
  maxBufferedBytes?: number;
  pingIntervalMs?: Milliseconds;
  /** Server clock for hello and pong, ms since the epoch; injectable for tests. */
  now?: () => Milliseconds;
  /** Auth, commands and the scene; without it the socket is a read-only state stream. */
  control?: WsControlOptions;
}

export interface StateSocket {
  clients(): ClientInfo[];
  stats(): StateSocketStats;
  close(): Promise<void>;
}

const CLOSE_GOING_AWAY = 1001;
const SHUTDOWN_GRACE_MS = 1000;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`state socket option ${name} must be a positive number, got ${String(value)}`);
  return value;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function requestPath(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return String(url);
  }
}

function refuseUpgrade(socket: Duplex, status: string, body: string): void {
  socket.on('error', () => undefined);
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Serve the SlowState stream on `path` of an existing HTTP server; every other upgrade path is refused. */
export function attachStateSocket(httpServer: Server, bus: StateBus, options: StateSocketOptions, log: Logger): StateSocket {
  const path = options.path ?? DEFAULT_PATH;
  const maxPayload = positive('maxPayload', options.maxPayload, DEFAULT_MAX_PAYLOAD_BYTES);
  const messageLimit = positive('clientMessageMaxBytes', options.clientMessageMaxBytes, DEFAULT_MESSAGE_LIMIT_BYTES);
  const maxClients = positive('maxClients', options.maxClients, DEFAULT_MAX_CLIENTS);
  const maxBuffered = positive('maxBufferedBytes', options.maxBufferedBytes, DEFAULT_MAX_BUFFERED_BYTES);
  const pingInterval = positive('pingIntervalMs', options.pingIntervalMs, DEFAULT_PING_INTERVAL_MS);
  const now = options.now ?? serverNow;

  const wss = new WebSocketServer({ noServer: true, maxPayload, clientTracking: false, perMessageDeflate: false });
  const live = new Map<WebSocket, StateClient>();
  const counters = { connections_total: 0, states_seen: 0, keepalive_terminated: 0, refused_upgrades: 0 };
  const retired = emptyTotals();
  let closed = false;

  const reply = (client: StateClient, text: string): boolean => client.sender.sendControl(text);
  const channel = new ControlChannel(options.control, reply, log);

  const handleMessage = (client: StateClient, message: ClientMessage, received: Milliseconds): void => {
    switch (message.type) {
      case 'ping':
        reply(client, encodeServerMessage(pongMessage(message.id, message.t0, received, now())));
        return;
      case 'auth':
        channel.auth(client, message);
        return;
      case 'command':
        channel.command(client, message);
        return;
      case 'subscribe':
        break;
    }
    client.subscribe(message);
    const rate = client.gate.rate === null ? 'every hop' : `${client.gate.rate} Hz`;
    log.info(`ws ${client.id}: subscribed at ${rate}, display ${client.display ?? '-'}, latency ${client.latencyMs ?? '-'} ms`);
    reply(client, encodeServerMessage(subscribedMessage(client.id, client.gate.rate, client.display, client.latencyMs)));
  };

  const onMessage = (client: StateClient, data: RawData, isBinary: boolean): void => {
    const received = now();
    const result = isBinary
      ? ({ ok: false, code: 'binary_frame', error: 'binary frames are not accepted; send JSON text messages' } as const)
      : parseClientMessage(toBuffer(data), messageLimit);
    if (!result.ok) {
      client.badMessages++;
      if (client.badMessages === 1) log.warn(`ws ${client.id}: bad message (${result.code}): ${result.error}`);
      reply(client, encodeServerMessage(errorMessage(result.code, result.error)));
      return;
    }
    handleMessage(client, result.message, received);
  };

  const onConnection = (ws: WebSocket, req: IncomingMessage): void => {
    counters.connections_total++;
    const client = new StateClient(`c${counters.connections_total}`, ws, { host: req.socket.remoteAddress ?? 'unknown', port: req.socket.remotePort }, now(), maxBuffered, channel.initialRole());
    const remote = client.remoteAddress;
    ws.on('error', (err) => {
      client.socketErrors++;
      log.warn(`ws ${client.id}: ${err.message}`);
    });
    ws.on('close', (code) => {
      live.delete(ws);
      client.sender.clear();
      addCounters(retired, client.info());
      log.info(`ws ${client.id} from ${remote} closed (${code}); ${live.size} client(s) left`);
    });
    ws.on('pong', () => {
      client.alive = true;
      if (client.pingSentAt !== null) client.lastRttMs = now() - client.pingSentAt;
    });
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(client, data, isBinary);
      } catch (err) {
        client.socketErrors++;
        log.error(`ws ${client.id}: message handler failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    reply(client, encodeServerMessage(helloMessage(client.id, now(), bus.latest?.t ?? 0, client.role, channel.authRequired)));
    channel.welcome(client);
    live.set(ws, client);
    log.info(`ws ${client.id} connected from ${remote}; ${live.size} client(s)`);
  };

  const refusalFor = (requested: string): readonly [status: string, reason: string] | undefined => {
    if (requested !== path) return ['404 Not Found', `no WebSocket endpoint at ${requested}; the state stream is at ${path}`];
    if (closed) return ['503 Service Unavailable', 'the state stream is shutting down'];
    if (live.size >= maxClients) {
      return ['503 Service Unavailable', `too many clients: ${live.size} connected, the limit is ws.max_clients = ${maxClients}`];
    }
    return undefined;
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refusal = refusalFor(requestPath(req.url));
    if (refusal !== undefined) {
      counters.refused_upgrades++;
      if (refusal[0].startsWith('503')) log.warn(`ws upgrade refused: ${refusal[1]}`);
      refuseUpgrade(socket, refusal[0], `${refusal[1]}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      onConnection(ws, req);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const unsubscribe = bus.subscribe((state) => {
    counters.states_seen++;
    // One Buffer per hop, shared by every client's socket write: no per-client copy of the JSON.
    let payload: Buffer | undefined;
    for (const client of live.values()) {
      try {
        channel.catchUp(client);
        if (!client.gate.take(state.hop)) continue;
        payload ??= Buffer.from(state.json);
        client.sender.offerState(payload);
      } catch (err) {
        client.socketErrors++;
        log.error(`ws ${client.id}: state send failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });

  const detachControl = channel.attach(() => live.values());

  // ws-level keep-alive: a client that did not answer the previous ping is gone (cable pulled, laptop asleep).
  const keepAlive = setInterval(() => {
    for (const client of live.values()) {
      if (!client.alive) {
        counters.keepalive_terminated++;
        log.warn(`ws ${client.id}: no pong within ${pingInterval} ms; terminating`);
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.pingSentAt = now();
      try {
        client.ws.ping();
      } catch (err) {
        client.socketErrors++;
        log.warn(`ws ${client.id}: keep-alive ping failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }, pingInterval);
  keepAlive.unref();

  const clients = (): ClientInfo[] => [...live.values()].map((client) => client.info());

  return {
    clients,
    stats: () => ({ ...counters, forbidden_commands: channel.forbidden, ...summariseClients(clients(), retired) }),
    close: async () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      detachControl();
      clearInterval(keepAlive);
      const closing = [...live.keys()].map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once('close', () => {
              resolve();
            });
            ws.close(CLOSE_GOING_AWAY, 'server shutting down');
          }),
      );
      const grace = setTimeout(() => {
        for (const ws of live.keys()) ws.terminate();
      }, SHUTDOWN_GRACE_MS);
      await Promise.all(closing);
      clearTimeout(grace);
      httpServer.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => {
        wss.close(() => {
          resolve();
        });
      });
    },
  };
}
