import { ClockSync } from '../../server/src/core/clock/clock-sync.js';
import { sceneSchema, type Scene } from '../../server/src/core/scene/scene.js';
import type { SlowState } from '../../server/src/core/state/slow-state.js';
import type { Milliseconds } from '../../server/src/core/units.js';

export type Role = 'viewer' | 'control';
export type LinkState = 'connecting' | 'open' | 'closed';
export interface BeatControls {
  locked: boolean;
  meter: number | null;
}
export type CommandResult = { ok: true } | { ok: false; error: string };

export interface SurfaceEvents {
  link(state: LinkState): void;
  role(role: Role, authRequired: boolean): void;
  /** An auth attempt failed: bad_token or rate_limited, with the daemon's words. */
  authFailed(code: string, message: string): void;
  scene(scene: Scene, rev: number): void;
  beatControls(controls: BeatControls): void;
  state(state: SlowState): void;
  /** A refusal or a protocol problem the VJ should see; never fatal. */
  notice(message: string): void;
}

/** The surface needs beat lights and health, not every hop: 20 states a second, the fast clock does the rest. */
const STATE_RATE_HZ = 20;
const COMMAND_TIMEOUT_MS = 3000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 4000;

/** Client clock in ms since the epoch, the same base as the server's clock. */
export const clientNow = (): Milliseconds => performance.timeOrigin + performance.now();

/**
 * The surface's /ws connection: clock sync by ping/pong, auth with the PIN, commands answered by acks, the
 * scene and beat controls as the daemon broadcasts them, and reconnection with backoff (auth is sent again).
 */
export class SurfaceConnection {
  readonly clock = new ClockSync(16);
  readonly #url: string;
  readonly #events: SurfaceEvents;
  #token: string | null;
  #ws: WebSocket | null = null;
  #attempt = 0;
  #pingTimer: number | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: (r: CommandResult) => void; timer: number }>();
  role: Role = 'viewer';

  constructor(url: string, token: string | null, events: SurfaceEvents) {
    this.#url = url;
    this.#token = token;
    this.#events = events;
  }

  start(): void {
    this.#open();
  }

  /** Tries a PIN now (and again on every reconnect once it worked). */
  authenticate(token: string): void {
    this.#token = token;
    this.#send({ type: 'auth', token });
  }

  /** Sends one command; resolves with the daemon's ack, or a refusal when it cannot be sent or is not answered. */
  command(command: Record<string, unknown>): Promise<CommandResult> {
    if (this.#ws?.readyState !== WebSocket.OPEN) return Promise.resolve({ ok: false, error: 'not connected to the daemon' });
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.#pending.delete(id);
        resolve({ ok: false, error: 'the daemon did not answer in time' });
      }, COMMAND_TIMEOUT_MS);
      this.#pending.set(id, { resolve, timer });
      this.#send({ type: 'command', id, command });
    });
  }

  /** Server time now, on the synced clock; the client clock until the first pong. */
  serverNow(): Milliseconds {
    return clientNow() + (this.clock.offset ?? 0);
  }

  #open(): void {
    this.#events.link('connecting');
    const ws = new WebSocket(this.#url);
    this.#ws = ws;
    ws.onopen = () => {
      this.#attempt = 0;
      this.clock.reset();
      this.#events.link('open');
      this.#send({ type: 'subscribe', rate: STATE_RATE_HZ });
      if (this.#token !== null) this.#send({ type: 'auth', token: this.#token });
      this.#ping();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') this.#onMessage(event.data);
    };
    ws.onclose = () => {
      this.#ws = null;
      window.clearTimeout(this.#pingTimer);
      for (const [id, waiting] of this.#pending) {
        window.clearTimeout(waiting.timer);
        waiting.resolve({ ok: false, error: 'the connection closed before the daemon answered' });
        this.#pending.delete(id);
      }
      this.role = 'viewer';
      this.#events.link('closed');
      const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.#attempt) * (0.8 + 0.4 * Math.random());
      this.#attempt++;
      window.setTimeout(() => {
        this.#open();
      }, delay);
    };
  }

  #send(message: object): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(message));
  }

  #ping(): void {
    this.#send({ type: 'ping', id: `p${String(++this.#nextId)}`, t0: clientNow() });
    this.#pingTimer = window.setTimeout(() => {
      this.#ping();
    }, this.clock.samples < 8 ? 150 : 2000);
  }

  #onMessage(text: string): void {
    const receivedAt = clientNow();
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.#events.notice('the daemon sent a frame that is not JSON; ignored');
      return;
    }
    switch (message.type) {
      case undefined:
        if (message.v === 1) this.#events.state(message as unknown as SlowState);
        return;
      case 'hello':
        this.#setRole(message.role === 'control' ? 'control' : 'viewer', message.auth_required !== false);
        return;
      case 'authed':
        this.#setRole('control', true);
        return;
      case 'pong':
        if (typeof message.t0 === 'number' && typeof message.t1 === 'number' && typeof message.t2 === 'number') {
          this.clock.add({ t0: message.t0, t1: message.t1, t2: message.t2, t3: receivedAt });
        }
        return;
      case 'scene': {
        const parsed = sceneSchema.safeParse(message.scene);
        if (parsed.success && typeof message.rev === 'number') this.#events.scene(parsed.data, message.rev);
        else this.#events.notice('the daemon sent a scene this surface cannot read; is it a different version?');
        return;
      }
      case 'beat_controls':
        this.#events.beatControls({ locked: message.locked === true, meter: typeof message.meter === 'number' ? message.meter : null });
        return;
      case 'ack':
        this.#settle(message.id, message.ok === true ? { ok: true } : { ok: false, error: String(message.error) });
        return;
      case 'error':
        this.#onError(message);
        return;
      default:
        return;
    }
  }

  #onError(message: Record<string, unknown>): void {
    const code = String(message.code);
    const text = String(message.error);
    if (code === 'bad_token' || code === 'rate_limited') {
      this.#token = null;
      this.#events.authFailed(code, text);
      return;
    }
    if (message.id !== undefined) this.#settle(message.id, { ok: false, error: text });
    else this.#events.notice(`${code}: ${text}`);
  }

  #settle(id: unknown, result: CommandResult): void {
    const waiting = typeof id === 'number' ? this.#pending.get(id) : undefined;
    if (waiting === undefined || typeof id !== 'number') return;
    window.clearTimeout(waiting.timer);
    this.#pending.delete(id);
    waiting.resolve(result);
  }

  #setRole(role: Role, authRequired: boolean): void {
    this.role = role;
    this.#events.role(role, authRequired);
  }
}
