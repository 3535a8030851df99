import type { Scene } from '../../server/src/core/scene/scene.js';
import type { SlowState } from '../../server/src/core/state/slow-state.js';
import type { Milliseconds } from '../../server/src/core/units.js';
import type { ConnectionState, Subscription } from './connection.js';

/** Main thread → connection worker. */
export type ToWorker =
  | { type: 'start'; url: string; clockSkewMs: Milliseconds; subscription: Subscription }
  | { type: 'subscribe'; subscription: Subscription };

/** Connection worker → main thread. Times are the page clock (ms since the epoch, skew included). */
export type FromWorker =
  | { type: 'state'; state: SlowState; receivedAt: Milliseconds }
  | { type: 'scene'; scene: Scene; rev: number }
  | { type: 'connection'; state: ConnectionState; connections: number }
  | { type: 'clock'; offset: Milliseconds | null; delay: Milliseconds | null }
  | { type: 'warn'; message: string };
