import type { Logger } from '../log.js';
import type { JsonStore } from './json-store.js';

/**
 * Persists a value that changes often (the scene while a fader moves): one write at a time, and a newer value
 * replaces a pending one, so the disk sees at most two writes per change burst and always ends on the newest.
 */
export class LatestWriter<T> {
  readonly #store: JsonStore<T>;
  readonly #log: Logger;
  readonly #what: string;
  #pending: { value: T } | undefined;
  #running: Promise<void> | undefined;
  #problem: string | undefined;

  constructor(store: JsonStore<T>, what: string, log: Logger) {
    this.#store = store;
    this.#what = what;
    this.#log = log;
  }

  /** The last write's failure, until a write succeeds again. */
  get problem(): string | undefined {
    return this.#problem;
  }

  save(value: T): void {
    this.#pending = { value };
    this.#running ??= this.#drain();
  }

  /** Resolves once everything saved so far is on disk (or failed and was reported). */
  async flush(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      for (let next = this.#pending; next !== undefined; next = this.#pending) {
        this.#pending = undefined;
        try {
          await this.#store.write(next.value);
          if (this.#problem !== undefined) this.#log.info(`${this.#what}: saved again to ${this.#store.path}`);
          this.#problem = undefined;
        } catch (error) {
          const problem = `cannot save ${this.#what} to ${this.#store.path}: ${error instanceof Error ? error.message : String(error)}`;
          if (problem !== this.#problem) this.#log.error(problem);
          this.#problem = problem;
        }
      }
    } finally {
      this.#running = undefined;
    }
  }
}
