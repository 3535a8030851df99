import type { ModelCard } from './model-card.js';

/** Host → inference thread. */
export type HostToInference =
  /** `model`: the contract model the slot is for; a card naming another is refused before anything is swapped. */
  | { type: 'load'; slot: number; path: string; requestId: number; model?: string }
  | { type: 'close' };

/** Inference thread → host. */
export type InferenceToHost =
  | { type: 'loaded'; slot: number; path: string; card: ModelCard; requestId: number; loadMs: number }
  | { type: 'load_failed'; slot: number; path: string; error: string; requestId: number }
  | { type: 'run_failed'; slot: number; error: string }
  | { type: 'closed' };

export interface InferenceWorkerData {
  header: SharedArrayBuffer;
  data: SharedArrayBuffer;
}
