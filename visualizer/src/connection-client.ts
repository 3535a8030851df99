import type { Scene } from '../../server/src/core/scene/scene.js';
import type { SlowState } from '../../server/src/core/state/slow-state.js';
import type { Milliseconds } from '../../server/src/core/units.js';
import type { ConnectionState, Subscription } from './connection.js';
import type { FromWorker, ToWorker } from './connection-protocol.js';

export interface ClientEvents {
  state(state: SlowState, receivedAt: Milliseconds): void;
  scene(scene: Scene, rev: number): void;
  warn(message: string): void;
}

/** The main thread's handle on the connection worker: what it last reported, and where to send changes. */
export class ConnectionClient {
  readonly #worker: Worker;
  #subscription: Subscription;
  #state: ConnectionState = 'connecting';
  #connections = 0;
  #statesReceived = 0;
  #offset: Milliseconds | null = null;
  #delay: Milliseconds | null = null;

  constructor(url: string, clockSkewMs: Milliseconds, subscription: Subscription, events: ClientEvents) {
    this.#subscription = subscription;
    this.#worker = new Worker(new URL('./connection-worker.ts', import.meta.url), { type: 'module', name: 'fractalsync-connection' });
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      switch (message.type) {
        case 'state':
          this.#statesReceived++;
          events.state(message.state, message.receivedAt);
          break;
        case 'scene':
          events.scene(message.scene, message.rev);
          break;
        case 'connection':
          this.#state = message.state;
          this.#connections = message.connections;
          break;
        case 'clock':
          this.#offset = message.offset;
          this.#delay = message.delay;
          break;
        case 'warn':
          events.warn(message.message);
          break;
      }
    };
    this.#worker.onerror = (event) => {
      events.warn(`connection worker failed: ${event.message}`);
    };
    this.#post({ type: 'start', url, clockSkewMs, subscription });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get connections(): number {
    return this.#connections;
  }

  get statesReceived(): number {
    return this.#statesReceived;
  }

  /** Server minus page clock (ms) from ping/pong; null before the first pong of a connection. */
  get offset(): Milliseconds | null {
    return this.#offset;
  }

  get delay(): Milliseconds | null {
    return this.#delay;
  }

  resubscribe(subscription: Subscription): void {
    if (subscription.display === this.#subscription.display && subscription.latencyMs === this.#subscription.latencyMs) return;
    this.#subscription = subscription;
    this.#post({ type: 'subscribe', subscription });
  }

  #post(message: ToWorker): void {
    this.#worker.postMessage(message);
  }
}
