import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface StoredValue<T> {
  value: T | undefined;
  /** Why the file could not be used, when it could not (the caller reports it; nothing is lost). */
  problem?: string;
  /** True when the value came from the last good copy because the file itself was corrupt. */
  fromBackup?: boolean;
}

export interface JsonStoreOptions {
  /** File mode of new files, e.g. 0o600 for a secret. */
  mode?: number;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Flushes a directory entry (the rename) to disk; not every platform can open a directory, and then it is skipped. */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * A JSON file written atomically: the new content goes to a temporary file that is flushed to disk and then
 * renamed over the old one, so a crash mid-write leaves either the old file or the new, never half of one. The
 * previous good file is kept as `.bak` (itself replaced atomically); a corrupt file is reported and the backup
 * read instead, and the next write moves the corrupt file aside as `.corrupt` rather than over the backup.
 * Writes through one store run one at a time.
 */
export class JsonStore<T> {
  readonly path: string;
  readonly #parse: (value: unknown) => T;
  readonly #mode: number;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, parse: (value: unknown) => T, options: JsonStoreOptions = {}) {
    this.path = path;
    this.#parse = parse;
    this.#mode = options.mode ?? 0o666;
  }

  async read(): Promise<StoredValue<T>> {
    if (!existsSync(this.path)) return { value: undefined };
    try {
      return { value: this.#parse(JSON.parse(await readFile(this.path, 'utf8'))) };
    } catch (error) {
      const problem = `${this.path} is unreadable (${message(error)})`;
      try {
        const backup = this.#parse(JSON.parse(await readFile(`${this.path}.bak`, 'utf8')));
        return { value: backup, problem: `${problem}; using the last good copy ${this.path}.bak`, fromBackup: true };
      } catch {
        return { value: undefined, problem };
      }
    }
  }

  write(value: T): Promise<void> {
    const run = this.#queue.then(() => this.#write(value));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #isGood(path: string): Promise<boolean> {
    try {
      this.#parse(JSON.parse(await readFile(path, 'utf8')));
      return true;
    } catch {
      return false;
    }
  }

  async #write(value: T): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', this.#mode);
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existsSync(this.path)) {
      if (await this.#isGood(this.path)) {
        // The backup is replaced atomically too: a crash while copying leaves the older backup whole.
        await copyFile(this.path, `${this.path}.bak.tmp`);
        await rename(`${this.path}.bak.tmp`, `${this.path}.bak`);
      } else {
        await rename(this.path, `${this.path}.corrupt`);
      }
    }
    await rename(temporary, this.path);
    await syncDir(dir);
  }
}
