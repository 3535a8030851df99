import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, copyFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface StoredValue<T> {
  value: T | undefined;
  /** Why the file could not be used, when it could not (the caller reports it; nothing is lost). */
  problem?: string;
  /** True when the value came from the last good copy because the file itself was corrupt. */
  fromBackup?: boolean;
}

/**
 * A JSON file written atomically: the new content goes to a temporary file that is flushed to disk and then
 * renamed over the old one, so a crash mid-write leaves either the old file or the new, never half of one. The
 * previous good file is kept as `.bak`; a corrupt file is reported and the backup read instead.
 */
export class JsonStore<T> {
  readonly path: string;
  readonly #parse: (value: unknown) => T;

  constructor(path: string, parse: (value: unknown) => T) {
    this.path = path;
    this.#parse = parse;
  }

  async read(): Promise<StoredValue<T>> {
    if (!existsSync(this.path)) return { value: undefined };
    try {
      return { value: this.#parse(JSON.parse(await readFile(this.path, 'utf8'))) };
    } catch (error) {
      const problem = `${this.path} is unreadable (${error instanceof Error ? error.message : String(error)})`;
      try {
        const backup = this.#parse(JSON.parse(await readFile(`${this.path}.bak`, 'utf8')));
        return { value: backup, problem: `${problem}; using the last good copy ${this.path}.bak`, fromBackup: true };
      } catch {
        return { value: undefined, problem };
      }
    }
  }

  async write(value: T): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existsSync(this.path)) await copyFile(this.path, `${this.path}.bak`);
    await rename(temporary, this.path);
  }
}
