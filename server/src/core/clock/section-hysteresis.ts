import type { Seconds } from '../units.js';

/**
 * Holds the displayed section until a different one has been reported without interruption for `hold`
 * seconds, so a classifier that wavers near a boundary cannot make the looks flicker. An absent section
 * (no structure block) keeps whatever is shown.
 */
export class SectionHysteresis {
  readonly #hold: Seconds;
  #shown: string | null = null;
  #candidate: string | null = null;
  #since: Seconds = 0;

  constructor(hold: Seconds = 1.5) {
    if (!Number.isFinite(hold) || hold < 0) throw new Error(`section hold must be >= 0 seconds, got ${String(hold)}`);
    this.#hold = hold;
  }

  get section(): string | null {
    return this.#shown;
  }

  reset(): void {
    this.#shown = null;
    this.#candidate = null;
    this.#since = 0;
  }

  /** The section reported at `time` (seconds, any monotonic clock); returns the section to show. */
  update(section: string | undefined, time: Seconds): string | null {
    if (section === undefined || section === this.#shown) {
      if (section !== undefined) this.#candidate = null;
      return this.#shown;
    }
    if (this.#shown === null) {
      // Nothing shown yet: the first report is taken at once.
      this.#shown = section;
      this.#candidate = null;
      return this.#shown;
    }
    if (section !== this.#candidate) {
      this.#candidate = section;
      this.#since = time;
    }
    if (time - this.#since >= this.#hold) {
      this.#shown = section;
      this.#candidate = null;
    }
    return this.#shown;
  }
}
