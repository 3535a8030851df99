import { CONTRACT } from '../../core/contract/contract.js';
import type { Hz, Milliseconds } from '../../core/units.js';

/** Constants of the /ws state stream, version 1. The audio values come from config/model_contract.v1.json. */
export const PROTOCOL_VERSION = 1;
export const CONTRACT_VERSION = CONTRACT.contract_version;
export const SAMPLE_RATE: Hz = CONTRACT.audio.sample_rate;
export const HOP_SAMPLES = CONTRACT.audio.hop;
/** One SlowState per hop: 48000 / 1024 = 46.875 states per second. */
export const HOP_RATE: Hz = SAMPLE_RATE / HOP_SAMPLES;
export const MIN_RATE: Hz = 1;
export const MAX_LATENCY_MS: Milliseconds = 500;
/** Display names follow the scene's rule, so a subscribed display can always carry scene overrides. */
export { DISPLAY_NAME_PATTERN as DISPLAY_PATTERN } from '../../core/scene/scene.js';
export const MAX_PING_ID_CHARS = 64;
export const MAX_TOKEN_CHARS = 256;

/** Client messages above this are answered with a `too_large` error (the connection stays). */
export const DEFAULT_MESSAGE_LIMIT_BYTES = 4096;
/** Frames above this make ws close the connection with 1009 (message too big). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
/** States are skipped while more than this is queued on a client's socket. */
export const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
export const DEFAULT_MAX_CLIENTS = 64;
export const DEFAULT_PING_INTERVAL_MS: Milliseconds = 10_000;
export const DEFAULT_PATH = '/ws';

/** High-resolution server clock in ms since the epoch, the same base as SlowState `wall`. */
export function serverNow(): Milliseconds {
  return performance.timeOrigin + performance.now();
}
