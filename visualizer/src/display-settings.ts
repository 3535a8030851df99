import { defaultScene, resolveDisplay, type ResolvedDisplay, type Scene } from '../../server/src/core/scene/scene.js';
import type { VisualizerOptions } from './options.js';

/**
 * What this display renders: the daemon's scene (the `all` layer plus this display's overrides), with the
 * URL's pins on top. A look or palette in the URL is a deliberate per-projector choice and stays; latency and
 * offset from the URL are only defaults, replaced by the scene's per-display values when it has them.
 */
export class DisplaySettings {
  readonly #options: VisualizerOptions;
  #scene: Scene = defaultScene();
  #rev: number | null = null;

  constructor(options: VisualizerOptions) {
    this.#options = options;
  }

  get rev(): number | null {
    return this.#rev;
  }

  /** Takes a scene from the daemon; an older revision than the one held is ignored. */
  applyScene(scene: Scene, rev: number): void {
    if (this.#rev !== null && rev < this.#rev) return;
    this.#scene = scene;
    this.#rev = rev;
  }

  resolved(): ResolvedDisplay {
    const { display, look, palette, latencyMs, offsetMs } = this.#options;
    const merged = resolveDisplay(this.#scene, display);
    const own = display === null ? undefined : this.#scene.displays[display];
    return {
      ...merged,
      look: look ?? merged.look,
      palette: palette ?? merged.palette,
      latency_ms: own?.latency_ms ?? latencyMs,
      offset_ms: own?.offset_ms ?? offsetMs,
    };
  }
}
