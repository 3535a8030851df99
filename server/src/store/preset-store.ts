import { z } from 'zod';
import { sceneSchema, type Scene } from '../core/scene/scene.js';
import type { Logger } from '../log.js';
import { JsonStore } from './json-store.js';

/** A whole scene (all + displays + control source) under a name the VJ chose. */
export interface Preset {
  name: string;
  scene: Scene;
  /** ISO 8601 time of the save. */
  saved_at: string;
}

/** What GET /api/presets/export gives and POST /api/presets/import takes. */
export interface PresetExport {
  format: typeof PRESET_FORMAT;
  v: 1;
  presets: Preset[];
}

export const PRESET_FORMAT = 'fractalsync-presets';
export const MAX_PRESETS = 100;
export const PRESET_NAME_RULE = '1 to 48 characters, no control characters or slashes, not only spaces';
const NAME_PATTERN = /^[^\p{Cc}/\\]{1,48}$/u;

/** Names that cannot be found (404), clash with another (409), or a file that is not a preset list (400). */
export class UnknownPresetError extends Error {}
export class PresetConflictError extends Error {}
export class PresetInvalidError extends Error {}

export function checkPresetName(value: unknown, what = 'preset name'): string {
  if (typeof value !== 'string' || !NAME_PATTERN.test(value) || value.trim() === '') {
    throw new PresetInvalidError(`${what} ${value === undefined ? 'nothing' : JSON.stringify(value)} is not allowed; expected ${PRESET_NAME_RULE}`);
  }
  return value.trim();
}

const presetSchema = z.strictObject({ name: z.string(), scene: sceneSchema, saved_at: z.iso.datetime() });
const fileSchema = z.strictObject({ format: z.literal(PRESET_FORMAT), v: z.literal(1), presets: z.array(z.unknown()).max(MAX_PRESETS) });

/** Validates a preset list (the stored file or an import); throws PresetInvalidError naming the first problem. */
export function parsePresetExport(value: unknown): PresetExport {
  const file = fileSchema.safeParse(value);
  if (!file.success) {
    const issue = file.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new PresetInvalidError(`not a preset file: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'} (expected { "format": "${PRESET_FORMAT}", "v": 1, "presets": [at most ${MAX_PRESETS}] })`);
  }
  const seen = new Set<string>();
  const presets = file.data.presets.map((entry, i) => {
    const parsed = presetSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PresetInvalidError(`preset ${i}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    const name = checkPresetName(parsed.data.name, `preset ${i} name`);
    if (seen.has(name)) throw new PresetInvalidError(`preset ${i}: the name "${name}" appears twice`);
    seen.add(name);
    return { ...parsed.data, name };
  });
  return { format: PRESET_FORMAT, v: 1, presets };
}

/**
 * The presets, kept in one JSON file in the state folder through JsonStore (atomic; a crash mid-save leaves the
 * previous list). A change is answered only after it is on disk. A corrupt file is reported (`problem`), the last
 * good copy is used, and nothing stops.
 */
export class PresetStore {
  #presets: Preset[];
  #queue: Promise<unknown> = Promise.resolve();
  #problem: string | undefined;
  readonly #store: JsonStore<PresetExport>;
  readonly #now: () => Date;

  private constructor(store: JsonStore<PresetExport>, presets: Preset[], problem: string | undefined, now: () => Date) {
    this.#store = store;
    this.#presets = presets;
    this.#problem = problem;
    this.#now = now;
  }

  static async open(path: string, log: Logger, now: () => Date = () => new Date()): Promise<PresetStore> {
    const store = new JsonStore(path, parsePresetExport);
    const stored = await store.read();
    if (stored.problem !== undefined) log.warn(`presets: ${stored.problem}`);
    return new PresetStore(store, stored.value?.presets ?? [], stored.problem, now);
  }

  /** Why the stored file could not be used at start or at the last save; undefined when all is well. */
  get problem(): string | undefined {
    return this.#problem;
  }

  list(): Preset[] {
    return this.#presets.map((p) => ({ ...p }));
  }

  get(name: string): Preset {
    const preset = this.#presets.find((p) => p.name === name);
    if (preset === undefined) throw new UnknownPresetError(`no preset named ${JSON.stringify(name)}`);
    return preset;
  }

  /** Saves `scene` under `name`, replacing a preset of that name; `created` says whether it is new. */
  save(name: unknown, scene: Scene): Promise<{ preset: Preset; created: boolean }> {
    return this.#change((presets) => {
      const checked = checkPresetName(name);
      const preset: Preset = { name: checked, scene: sceneSchema.parse(scene), saved_at: this.#now().toISOString() };
      const index = presets.findIndex((p) => p.name === checked);
      if (index < 0 && presets.length >= MAX_PRESETS) throw new PresetInvalidError(`already ${MAX_PRESETS} presets; delete one before saving "${checked}"`);
      const next = index < 0 ? [...presets, preset] : presets.map((p, i) => (i === index ? preset : p));
      return { next, result: { preset, created: index < 0 } };
    });
  }

  rename(from: string, to: unknown): Promise<Preset> {
    return this.#change((presets) => {
      const name = checkPresetName(to, 'new preset name');
      const index = presets.findIndex((p) => p.name === from);
      if (index < 0) throw new UnknownPresetError(`no preset named ${JSON.stringify(from)}`);
      if (name !== from && presets.some((p) => p.name === name)) throw new PresetConflictError(`a preset named ${JSON.stringify(name)} already exists; delete or rename it first`);
      const renamed = { ...(presets[index] as Preset), name };
      return { next: presets.map((p, i) => (i === index ? renamed : p)), result: renamed };
    });
  }

  remove(name: string): Promise<Preset> {
    return this.#change((presets) => {
      const preset = presets.find((p) => p.name === name);
      if (preset === undefined) throw new UnknownPresetError(`no preset named ${JSON.stringify(name)}`);
      return { next: presets.filter((p) => p !== preset), result: preset };
    });
  }

  exportAll(): PresetExport {
    return { format: PRESET_FORMAT, v: 1, presets: this.list() };
  }

  /** Adds the presets of an export (same names are replaced), or with `replace` makes them the whole list. */
  import(value: unknown, mode: 'merge' | 'replace'): Promise<{ imported: number; total: number }> {
    return this.#change((presets) => {
      const incoming = parsePresetExport(value).presets;
      const names = new Set(incoming.map((p) => p.name));
      const next = mode === 'replace' ? incoming : [...presets.filter((p) => !names.has(p.name)), ...incoming];
      if (next.length > MAX_PRESETS) throw new PresetInvalidError(`importing would make ${next.length} presets; at most ${MAX_PRESETS} are kept (delete some, or import with mode=replace)`);
      return { next, result: { imported: incoming.length, total: next.length } };
    });
  }

  /** One change at a time: computed on the current list, written, and only then made current. */
  #change<R>(compute: (presets: readonly Preset[]) => { next: Preset[]; result: R }): Promise<R> {
    const run = this.#queue.then(async () => {
      const { next, result } = compute(this.#presets);
      try {
        await this.#store.write({ format: PRESET_FORMAT, v: 1, presets: next });
      } catch (error) {
        this.#problem = `cannot save presets to ${this.#store.path}: ${error instanceof Error ? error.message : String(error)}`;
        throw new Error(this.#problem, { cause: error });
      }
      this.#presets = next;
      this.#problem = undefined;
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
