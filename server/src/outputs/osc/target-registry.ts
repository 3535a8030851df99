import type { Logger } from '../../log.js';
import type { JsonStore } from '../../store/json-store.js';
import type { OscOutputs } from './osc-output.js';
import { validateOscTarget, validateOscTargets, type OscTarget } from './osc-target.js';
import type { OscTargetStatus } from './osc-target-runner.js';

/** Thrown for a target id that does not exist (the REST layer answers 404). */
export class UnknownTargetError extends Error {}

/**
 * The OSC target list as changed at run time: every change is validated by the OSC output's own rules, applied
 * to the running outputs, and persisted atomically, one change at a time.
 */
export class OscTargetRegistry {
  #targets: OscTarget[];
  #queue: Promise<unknown> = Promise.resolve();
  readonly #outputs: OscOutputs;
  readonly #store: JsonStore<OscTarget[]>;

  constructor(initial: readonly OscTarget[], outputs: OscOutputs, store: JsonStore<OscTarget[]>) {
    this.#targets = [...initial];
    this.#outputs = outputs;
    this.#store = store;
  }

  /** Targets from the store when it has them (a corrupt store is reported and the given ones used). */
  static async initial(store: JsonStore<OscTarget[]>, fallback: readonly OscTarget[], log: Logger): Promise<OscTarget[]> {
    const stored = await store.read();
    if (stored.problem !== undefined) log.warn(`OSC targets: ${stored.problem}`);
    return stored.value ? validateOscTargets(stored.value) : [...fallback];
  }

  list(): (OscTarget & { status: OscTargetStatus | null })[] {
    const status = new Map(this.#outputs.targets().map((s) => [s.id, s]));
    return this.#targets.map((t) => ({ ...t, status: status.get(t.id) ?? null }));
  }

  add(value: unknown): Promise<OscTarget> {
    return this.#change((targets) => {
      const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
      const id = typeof record.id === 'string' ? record.id : nextId(targets);
      const target = validateOscTarget({ ...record, id }, 'target');
      return { next: [...targets, target], result: target };
    });
  }

  update(id: string, patch: unknown): Promise<OscTarget> {
    return this.#change((targets) => {
      const index = targets.findIndex((t) => t.id === id);
      if (index < 0) throw new UnknownTargetError(`no OSC target "${id}"`);
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('a target change must be a JSON object of the fields to change');
      const target = validateOscTarget({ ...targets[index], ...(patch as Record<string, unknown>), id }, `target ${id}`);
      return { next: targets.map((t, i) => (i === index ? target : t)), result: target };
    });
  }

  remove(id: string): Promise<OscTarget> {
    return this.#change((targets) => {
      const target = targets.find((t) => t.id === id);
      if (!target) throw new UnknownTargetError(`no OSC target "${id}"`);
      return { next: targets.filter((t) => t.id !== id), result: target };
    });
  }

  #change<R>(compute: (targets: readonly OscTarget[]) => { next: OscTarget[]; result: R }): Promise<R> {
    const run = this.#queue.then(async () => {
      const { next, result } = compute(this.#targets);
      const validated = validateOscTargets(next);
      this.#outputs.setTargets(validated);
      await this.#store.write(validated);
      this.#targets = validated;
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function nextId(targets: readonly OscTarget[]): string {
  for (let i = targets.length + 1; ; i++) if (!targets.some((t) => t.id === `osc-${i}`)) return `osc-${i}`;
}
