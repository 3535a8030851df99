import type { BeatCommand } from '../core/beat/commands.js';

/** The beat controls a surface shows as toggles; the tracker does not report them, so the last accepted command does. */
export interface BeatControls {
  locked: boolean;
  /** Beats per bar forced by the VJ; null when the tracker detects the meter. */
  meter: number | null;
}

export type BeatControlsListener = (controls: BeatControls) => void;

/** Follows accepted beat commands so every surface shows the same lock and meter. */
export class BeatControlState {
  #controls: BeatControls = { locked: false, meter: null };
  readonly #listeners = new Set<BeatControlsListener>();

  get current(): BeatControls {
    return { ...this.#controls };
  }

  /** Records an accepted command; listeners hear about it only when the lock or meter changed. */
  record(command: BeatCommand): void {
    let next = this.#controls;
    if (command.type === 'lock') next = { ...next, locked: command.on };
    if (command.type === 'meter') next = { ...next, meter: command.beatsPerBar ?? null };
    if (next.locked === this.#controls.locked && next.meter === this.#controls.meter) return;
    this.#controls = next;
    for (const listener of this.#listeners) listener(this.current);
  }

  subscribe(listener: BeatControlsListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
