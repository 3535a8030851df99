import { createSocket, type RemoteInfo } from 'node:dgram';
import type { Milliseconds } from '../core/units.js';
import type { Logger } from '../log.js';
import type { CommandHandler } from './command-handler.js';
import { oscToCommand } from './osc-commands.js';
import { decodeOscPacket, MAX_OSC_PACKET_BYTES } from './osc-packet.js';

export interface OscInputOptions {
  /** 0.0.0.0 to accept controllers on the network; 127.0.0.1 for this machine only. */
  host: string;
  /** UDP port; 0 picks a free one (read it back from `port`). */
  port: number;
  maxPacketBytes?: number;
  /** Monotonic clock for log throttling. */
  now?: () => Milliseconds;
}

export interface OscInputStats {
  /** Datagrams received. */
  received: number;
  /** Datagrams over the size limit, not decoded. */
  oversized: number;
  /** Datagrams that did not decode as OSC. */
  malformed: number;
  /** Messages the handler accepted. */
  accepted: number;
  /** Messages with an unknown address or bad arguments, or refused by the handler (invalid value, rate limit). */
  rejected: number;
  /** Button releases (a trigger with value 0). */
  ignored: number;
}

export interface OscInput {
  port: number;
  stats(): OscInputStats;
  close(): Promise<void>;
}

/** One warning per kind of trouble per 10 s, so a flood of junk cannot flood the log. */
const WARN_INTERVAL_MS = 10_000;

function bindError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new Error(`UDP port ${port} on ${host} is already in use; choose another with --osc-in-port or the osc.in_port config key`);
    case 'EACCES':
      return new Error(`no permission to listen on UDP port ${port} on ${host}; ports below 1024 need privileges, choose another with --osc-in-port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new Error(`cannot listen for OSC on ${host}: no such local address; use 0.0.0.0, 127.0.0.1 or an address of this machine`);
    default:
      return new Error(`cannot listen for OSC on UDP ${host}:${port}: ${err.message}`);
  }
}

function throttledWarn(log: Logger, now: () => Milliseconds): (message: string) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (message) => {
    const t = now();
    if (t - last < WARN_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    const note = suppressed > 0 ? ` (${suppressed} more since the last warning)` : '';
    log.warn(`${message.slice(0, 300)}${note}; further ones in the next 10 s are counted, not logged`);
    last = t;
    suppressed = 0;
  };
}

/** Listens for OSC control messages on UDP and hands each to the command handler. Nothing a sender does can throw out of it. */
export function startOscInput(options: OscInputOptions, handler: Pick<CommandHandler, 'handle'>, log: Logger): Promise<OscInput> {
  const { host, port } = options;
  const maxBytes = options.maxPacketBytes ?? MAX_OSC_PACKET_BYTES;
  const now = options.now ?? (() => performance.now());
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return Promise.reject(new Error(`OSC input port must be an integer from 0 to 65535, got ${String(port)}`));
  }
  const counts: OscInputStats = { received: 0, oversized: 0, malformed: 0, accepted: 0, rejected: 0, ignored: 0 };
  const warnMalformed = throttledWarn(log, now);
  const warnRejected = throttledWarn(log, now);
  const socket = createSocket('udp4');

  const onMessage = (bytes: Buffer, from: RemoteInfo): void => {
    counts.received += 1;
    if (bytes.byteLength > maxBytes) {
      counts.oversized += 1;
      warnMalformed(`OSC packet from ${from.address}:${from.port} of ${bytes.byteLength} bytes is over the ${maxBytes}-byte limit, dropped`);
      return;
    }
    let messages;
    try {
      messages = decodeOscPacket(bytes, maxBytes);
    } catch (error) {
      counts.malformed += 1;
      warnMalformed(`OSC packet from ${from.address}:${from.port} (${bytes.byteLength} bytes) dropped: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // The rate limit is per sending host: a controller may change its source port between sends.
    const source = `osc ${from.address}`;
    for (const message of messages) {
      let error: string;
      try {
        const command = oscToCommand(message);
        if (command === null) {
          counts.ignored += 1;
          continue;
        }
        const result = handler.handle(command, source);
        if (result.ok) {
          counts.accepted += 1;
          continue;
        }
        error = result.error;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      counts.rejected += 1;
      warnRejected(`OSC command from ${from.address}:${from.port} rejected: ${error}`);
    }
  };

  return new Promise<OscInput>((resolve, reject) => {
    const onBindError = (err: NodeJS.ErrnoException): void => {
      socket.close();
      reject(bindError(err, host, port));
    };
    socket.once('error', onBindError);
    socket.bind(port, host, () => {
      socket.off('error', onBindError);
      socket.on('error', (err) => {
        log.error(`OSC input socket error: ${err.message}`);
      });
      socket.on('message', onMessage);
      const actual = socket.address().port;
      log.info(`OSC control input listening on udp://${host}:${actual}`);
      resolve({
        port: actual,
        stats: () => ({ ...counts }),
        close: () =>
          new Promise<void>((done) => {
            socket.close(() => {
              done();
            });
          }),
      });
    });
  });
}
