import { applySceneCommand, SceneCommandRefused, type SceneCommand } from '../core/scene/scene-commands.js';
import { sceneSchema, type Scene } from '../core/scene/scene.js';
import type { Logger } from '../log.js';
import { CommandRefused } from './command-handler.js';

/** The scene as broadcast: `rev` grows by one with every change, so a client can tell newer from older. */
export interface SceneSnapshot {
  readonly rev: number;
  readonly scene: Scene;
}

export type SceneListener = (snapshot: SceneSnapshot) => void;

/** Reads a stored `{ rev, scene }`; throws naming what is wrong. */
export function parseSceneSnapshot(value: unknown): SceneSnapshot {
  if (typeof value !== 'object' || value === null) throw new Error('expected an object { rev, scene }');
  const { rev, scene } = value as { rev?: unknown; scene?: unknown };
  if (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 0) throw new Error(`rev ${JSON.stringify(rev)} is not a whole number >= 0`);
  const parsed = sceneSchema.safeParse(scene);
  if (!parsed.success) throw new Error(`scene is invalid at ${parsed.error.issues[0]?.path.join('.') ?? '?'}: ${parsed.error.issues[0]?.message ?? ''}`);
  return { rev, scene: parsed.data };
}

/**
 * The daemon's one current scene. Every change (a command, a preset recall) makes a new immutable snapshot and
 * tells every listener at once, synchronously, so sockets broadcast it in the same turn.
 */
export class SceneState {
  #snapshot: SceneSnapshot;
  readonly #listeners = new Set<SceneListener>();
  readonly #log: Logger;

  constructor(initial: SceneSnapshot, log: Logger) {
    this.#snapshot = initial;
    this.#log = log;
  }

  get current(): SceneSnapshot {
    return this.#snapshot;
  }

  /** Applies a validated command; a refusal (too many displays) is thrown as CommandRefused. */
  apply(command: SceneCommand): void {
    let next: Scene;
    try {
      next = applySceneCommand(this.#snapshot.scene, command);
    } catch (error) {
      if (error instanceof SceneCommandRefused) throw new CommandRefused(error.message);
      throw error;
    }
    this.replace(next);
  }

  /** Replaces the whole scene (a preset recall); it is validated again, so a bad scene never goes out. */
  replace(scene: Scene): void {
    const checked = sceneSchema.parse(scene);
    this.#snapshot = { rev: this.#snapshot.rev + 1, scene: checked };
    for (const listener of this.#listeners) {
      // One failing listener (a hook, a socket) must not keep the change from the others.
      try {
        listener(this.#snapshot);
      } catch (error) {
        this.#log.error(`scene listener failed at rev ${this.#snapshot.rev}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Calls `listener` on every change from now on; returns the unsubscribe. */
  subscribe(listener: SceneListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
