import type { HopIndex, Milliseconds, Seconds } from '../core/units.js';

/** A SlowState as published to outputs: serialised once, shared by every client. */
export interface PublishedState {
  hop: HopIndex;
  t: Seconds;
  wall: Milliseconds;
  json: string;
}

export type StateListener = (state: PublishedState) => void;

/**
 * Fan-out of SlowStates from the engine to outputs. Holds only the newest state, so memory stays
 * bounded whatever listeners do; a listener that throws is isolated from the others.
 */
export class StateBus {
  #latest: PublishedState | undefined;
  readonly #listeners = new Set<StateListener>();
  #listenerErrors = 0;

  get latest(): PublishedState | undefined {
    return this.#latest;
  }

  get listenerErrors(): number {
    return this.#listenerErrors;
  }

  publish(state: PublishedState): void {
    this.#latest = state;
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch {
        this.#listenerErrors++;
      }
    }
  }

  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
