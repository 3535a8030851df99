import { StateConnection } from './connection.js';
import type { FromWorker, ToWorker } from './connection-protocol.js';

/** The worker side of the display's connection: the socket, its timestamps and the clock estimate live here. */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;
let connection: StateConnection | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'subscribe') {
    connection?.resubscribe(message.subscription);
    return;
  }
  if (connection !== null) return;
  const skew = message.clockSkewMs;
  // performance.timeOrigin + now() is the same epoch clock as the page's, so times agree across the two threads.
  const now = (): number => performance.timeOrigin + performance.now() + skew;
  connection = new StateConnection(message.url, now, message.subscription, {
    state: (state, receivedAt) => {
      scope.postMessage({ type: 'state', state, receivedAt });
    },
    scene: (scene, rev) => {
      scope.postMessage({ type: 'scene', scene, rev });
    },
    connection: (state, connections) => {
      scope.postMessage({ type: 'connection', state, connections });
    },
    clock: (offset, delay) => {
      scope.postMessage({ type: 'clock', offset, delay });
    },
    warn: (text) => {
      scope.postMessage({ type: 'warn', message: text });
    },
  });
  connection.start();
};
