import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { defaultScene } from '../core/scene/scene.js';
import type { Logger } from '../log.js';
import { JsonStore } from '../store/json-store.js';
import { LatestWriter } from '../store/latest-writer.js';
import { PresetStore } from '../store/preset-store.js';
import { BeatControlState } from './beat-controls.js';
import { createControlAuth, type ControlAuth } from './control-auth.js';
import { resolveControlToken, type ControlToken } from './control-token.js';
import { parseSceneSnapshot, SceneState, type SceneSnapshot } from './scene-state.js';

/** What the control surface edits and reads, kept in the state folder: the scene, the presets and who may control. */
export interface ShowState {
  readonly token: ControlToken;
  readonly auth: ControlAuth;
  readonly scene: SceneState;
  readonly presets: PresetStore;
  readonly beatControls: BeatControlState;
  status(): object;
  /** Waits for the last scene save. */
  close(): Promise<void>;
}

/**
 * Loads the scene (as it was at the last stop), the presets and the control token from `dir`; every scene change
 * from now on is saved (coalesced, atomic). A corrupt file is reported in the log and in status, never fatal.
 */
export async function startShowState(config: Config, dir: string, log: Logger): Promise<ShowState> {
  const token = await resolveControlToken(config.control.token, dir, log);
  const auth = createControlAuth({ token: token.token, required: config.control.require_token }, log);
  if (!config.control.require_token) log.warn('control.require_token is off: every client on the network may control the show');

  const sceneStore = new JsonStore<SceneSnapshot>(join(dir, 'scene.json'), parseSceneSnapshot);
  const stored = await sceneStore.read();
  if (stored.problem !== undefined) log.warn(`scene: ${stored.problem}`);
  const scene = new SceneState(stored.value ?? { rev: 0, scene: defaultScene() }, log);
  const startRev = scene.current.rev;
  const writer = new LatestWriter(sceneStore, 'the scene', log);
  const unsubscribe = scene.subscribe((snapshot) => {
    writer.save(snapshot);
  });

  const presets = await PresetStore.open(join(dir, 'presets.json'), log);
  const beatControls = new BeatControlState();
  return {
    token,
    auth,
    scene,
    presets,
    beatControls,
    status: () => ({
      control: { token_source: token.source, ...auth.stats() },
      // A problem found at start stands until the first change has been saved over it.
      scene: { rev: scene.current.rev, problem: (scene.current.rev === startRev ? stored.problem : writer.problem) ?? null },
      presets: { count: presets.list().length, problem: presets.problem ?? null },
      beat_controls: beatControls.current,
    }),
    close: async () => {
      unsubscribe();
      await writer.flush();
    },
  };
}
