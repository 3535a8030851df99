import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import type { ClientOptions, RawData } from 'ws';
import { StateBus } from '../../src/bus/state-bus.js';
import type { PublishedState } from '../../src/bus/state-bus.js';
import type { SlowState } from '../../src/core/state/slow-state.js';
import type { Logger } from '../../src/log.js';
import { attachStateSocket } from '../../src/outputs/ws/ws-server.js';
import type { StateSocket, StateSocketOptions } from '../../src/outputs/ws/ws-server.js';

export interface RecordingLog extends Logger {
  lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const add = (level: string) => (msg: string) => {
    lines.push(`${level}: ${msg}`);
  };
  return { lines, debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

/** A SlowState v1 for hop `hop`; `padChars` adds a string field to make large states. */
export function makeState(hop: number, padChars = 0): PublishedState {
  const t = (hop * 1024) / 48000;
  const wall = 1_800_000_000_000 + t * 1000;
  const state: SlowState = {
    v: 1,
    hop,
    t,
    wall,
    features: { rms: 0.1, centroid: 1500, flux: 0.2, zcr: 0.05, onset: 0, rolloff: 6000, bands: [0.1, 0.2, 0.3, 0.2, 0.1, 0.05] },
  };
  const json = JSON.stringify(state);
  // String concatenation shares one pad between states, so the test itself does not hold 10 KiB per state.
  return { hop, t, wall, json: padChars > 0 ? `${json.slice(0, -1)},"pad":"${PAD.slice(0, padChars)}"}` : json };
}
const PAD = 'x'.repeat(64 * 1024);

export interface TestServer {
  server: Server;
  bus: StateBus;
  sock: StateSocket;
  log: RecordingLog;
  url: string;
  close(): Promise<void>;
}

export async function startStateServer(options: StateSocketOptions = {}): Promise<TestServer> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const bus = new StateBus();
  const log = recordingLog();
  const sock = attachStateSocket(server, bus, options, log);
  return {
    server,
    bus,
    sock,
    log,
    url: `ws://127.0.0.1:${port}/ws`,
    close: async () => {
      await sock.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

type Parsed = Record<string, unknown>;

function text(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}

/** A ws client that records what it receives; `keep` decides what of each message is held (big states: just the hop). */
export class TestClient {
  readonly ws: WebSocket;
  readonly received: Parsed[] = [];
  readonly raw: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters = new Set<() => void>();

  private constructor(ws: WebSocket, keepRaw: boolean) {
    this.ws = ws;
    ws.on('message', (data) => {
      const body = text(data);
      if (keepRaw) this.raw.push(body);
      const parsed = JSON.parse(body) as Parsed;
      this.received.push(keepRaw ? parsed : { type: parsed.type, hop: parsed.hop, code: parsed.code, client_id: parsed.client_id });
      for (const wake of this.#waiters) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.#waiters) wake();
      });
    });
  }

  static async connect(url: string, options: ClientOptions & { keepRaw?: boolean } = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws, options.keepRaw ?? true);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        resolve();
      });
      ws.once('error', reject);
    });
    ws.on('error', () => undefined);
    return client;
  }

  /** Resolves with the first received message (from index `from`) matching `match`; rejects after `timeoutMs`. */
  waitFor(match: (m: Parsed) => boolean, what: string, timeoutMs = 5000, from = 0): Promise<Parsed> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.slice(from).find(match);
        if (found === undefined) return false;
        this.#waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${this.received.length} messages`));
      }, timeoutMs);
      if (!check()) this.#waiters.add(wake);
    });
  }

  waitForHop(hop: number, timeoutMs = 5000): Promise<Parsed> {
    return this.waitFor((m) => m.hop === hop, `state hop ${hop}`, timeoutMs);
  }

  states(): Parsed[] {
    return this.received.filter((m) => m.type === undefined);
  }

  send(message: object | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Poll a condition that has no event of its own (server-side bookkeeping), every 5 ms up to `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
