import { ClockSync } from '../../server/src/core/clock/clock-sync.js';
import { sceneSchema, type Scene } from '../../server/src/core/scene/scene.js';
import type { SlowState } from '../../server/src/core/state/slow-state.js';
import type { Milliseconds } from '../../server/src/core/units.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ConnectionEvents {
  state(state: SlowState, receivedAt: Milliseconds): void;
  scene(scene: Scene, rev: number): void;
  /** The socket opened or closed; `connections` counts successful opens. */
  connection(state: ConnectionState, connections: number): void;
  /** A new clock estimate (server minus client, ms) and the round trip it came from. */
  clock(offset: Milliseconds | null, delay: Milliseconds | null): void;
  /** Something the VJ should see on the HUD (a refused message, say); never fatal. */
  warn(message: string): void;
}

/** What the display registers with: its name and projector lag (null = none). */
export interface Subscription {
  display: string | null;
  latencyMs: Milliseconds;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;
/** Pings come quickly until this many samples exist, then slowly: a good offset within a second of connecting. */
const FAST_PINGS = 24;
const FAST_PING_MS = 60;
const SLOW_PING_MS = 500;
/** 64 samples at 500 ms: the quietest exchange of the last half minute sets the offset. */
const CLOCK_WINDOW = 64;

/**
 * The display's /ws connection: subscribes with its display name and latency, keeps the clock offset from
 * ping/pong (NTP style, through ClockSync), and reconnects with exponential backoff whenever the socket closes.
 * It runs in a worker (connection-worker.ts), so a render loop that holds the main thread cannot delay the
 * timestamps the clock estimate rests on.
 */
export class StateConnection {
  readonly clock = new ClockSync(CLOCK_WINDOW);
  readonly #url: string;
  readonly #now: () => Milliseconds;
  readonly #events: ConnectionEvents;
  #subscription: Subscription;
  #ws: WebSocket | null = null;
  #state: ConnectionState = 'connecting';
  #attempt = 0;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #pingId = 0;
  #statesReceived = 0;
  #connections = 0;

  constructor(url: string, now: () => Milliseconds, subscription: Subscription, events: ConnectionEvents) {
    this.#url = url;
    this.#now = now;
    this.#subscription = subscription;
    this.#events = events;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get statesReceived(): number {
    return this.#statesReceived;
  }

  /** Successful connections so far (a reconnect after a daemon restart makes it 2). */
  get connections(): number {
    return this.#connections;
  }

  start(): void {
    this.#open();
  }

  /** Changes the subscription (a scene changed this display's latency); sent at once when connected. */
  resubscribe(subscription: Subscription): void {
    if (subscription.display === this.#subscription.display && subscription.latencyMs === this.#subscription.latencyMs) return;
    this.#subscription = subscription;
    this.#sendSubscribe();
  }

  #open(): void {
    this.#state = 'connecting';
    const ws = new WebSocket(this.#url);
    this.#ws = ws;
    ws.onopen = () => {
      this.#state = 'open';
      this.#attempt = 0;
      this.#connections++;
      // Another daemon (or the same after a restart) may have another clock: start the estimate afresh.
      this.clock.reset();
      this.#events.clock(null, null);
      this.#events.connection('open', this.#connections);
      this.#sendSubscribe();
      this.#ping();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') this.#onMessage(event.data);
    };
    ws.onclose = () => {
      this.#ws = null;
      this.#state = 'closed';
      this.#events.connection('closed', this.#connections);
      clearTimeout(this.#pingTimer);
      const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.#attempt) * (0.8 + 0.4 * Math.random());
      this.#attempt++;
      setTimeout(() => {
        this.#open();
      }, delay);
    };
  }

  #send(message: object): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(message));
  }

  #sendSubscribe(): void {
    const { display, latencyMs } = this.#subscription;
    const message: { type: 'subscribe'; display?: string; latency_ms?: number } = { type: 'subscribe' };
    if (display !== null) message.display = display;
    if (latencyMs > 0) message.latency_ms = latencyMs;
    this.#send(message);
  }

  #ping(): void {
    this.#send({ type: 'ping', id: ++this.#pingId, t0: this.#now() });
    const next = this.clock.samples < FAST_PINGS ? FAST_PING_MS : SLOW_PING_MS;
    this.#pingTimer = setTimeout(() => {
      this.#ping();
    }, next);
  }

  #onMessage(text: string): void {
    const receivedAt = this.#now();
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#events.warn('the daemon sent a frame that is not JSON; ignored');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const record = message as Record<string, unknown>;
    if (record.type === undefined && record.v === 1) {
      this.#statesReceived++;
      this.#events.state(message as SlowState, receivedAt);
      return;
    }
    if (record.type === 'pong' && typeof record.t0 === 'number' && typeof record.t1 === 'number' && typeof record.t2 === 'number') {
      try {
        this.clock.add({ t0: record.t0, t1: record.t1, t2: record.t2, t3: receivedAt });
        this.#events.clock(this.clock.offset, this.clock.delay);
      } catch (err) {
        this.#events.warn(err instanceof Error ? err.message : String(err));
      }
      return;
    }
    if (record.type === 'scene') {
      const parsed = sceneSchema.safeParse(record.scene);
      if (parsed.success && typeof record.rev === 'number') this.#events.scene(parsed.data, record.rev);
      else this.#events.warn(`scene message refused: ${parsed.error?.issues[0]?.message ?? 'rev must be a number'}`);
      return;
    }
    if (record.type === 'error' && typeof record.error === 'string') this.#events.warn(`daemon: ${record.error}`);
  }
}
