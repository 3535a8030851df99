import type { PredictedBeat } from '../../server/src/core/clock/beat-prediction.js';
import type { Scene } from '../../server/src/core/scene/scene.js';
import type { Milliseconds } from '../../server/src/core/units.js';
import { PALETTES } from '../../server/src/core/visual/palettes.js';
import { ConnectionClient } from './connection-client.js';
import { DisplaySettings } from './display-settings.js';
import { FrameComposer, type ComposedFrame } from './frame-composer.js';
import { Hud } from './hud.js';
import type { VisualizerOptions } from './options.js';
import { JuliaRenderer } from './render/julia-renderer.js';

const HUD_PERIOD_MS = 250;

/** The running display: connection, fast clock, renderer and HUD, driven by requestAnimationFrame. */
export class Visualizer {
  readonly options: VisualizerOptions;
  readonly problems: string[];
  readonly settings: DisplaySettings;
  readonly composer = new FrameComposer();
  readonly connection: ConnectionClient;
  readonly renderer: JuliaRenderer;
  readonly #hud: Hud;
  #paused = false;
  #frames = 0;
  #fps = 0;
  #frameMs = 0;
  #lastFrameAt: number | null = null;
  #lastHudAt = 0;
  #last: ComposedFrame | null = null;
  /** Rough offset from the newest state's stamp, used only until the first pong. */
  #stateOffset: Milliseconds | null = null;

  private constructor(options: VisualizerOptions, problems: string[], renderer: JuliaRenderer, root: HTMLElement) {
    this.options = options;
    this.problems = problems;
    this.renderer = renderer;
    this.settings = new DisplaySettings(options);
    this.#hud = new Hud(root, options.hud);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.connection = new ConnectionClient(`${scheme}://${location.host}/ws`, options.clockSkewMs, this.#subscription(), {
      state: (state, receivedAt) => {
        this.#stateOffset = state.wall - receivedAt;
        try {
          this.composer.receive(state, receivedAt);
        } catch (err) {
          this.#warn(`state ${state.hop} refused: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      scene: (scene, rev) => {
        this.applyScene(scene, rev);
      },
      warn: (message) => {
        this.#warn(message);
      },
    });
  }

  static async start(root: HTMLElement, options: VisualizerOptions, problems: string[]): Promise<Visualizer> {
    const renderer = await JuliaRenderer.create(root, options);
    const visualizer = new Visualizer(options, problems, renderer, root);
    for (const problem of problems) console.warn(`FractalSync: ${problem}`);
    visualizer.#loop();
    return visualizer;
  }

  /** This page's clock in ms since the epoch (shifted by ?clock_skew_ms for tests). */
  now(): Milliseconds {
    return performance.timeOrigin + performance.now() + this.options.clockSkewMs;
  }

  /** Server minus client clock (ms): ping/pong's estimate, or a rough one from state stamps before the first pong. */
  clockOffset(): Milliseconds | null {
    return this.connection.offset ?? this.#stateOffset;
  }

  get fps(): number {
    return this.#fps;
  }

  get frames(): number {
    return this.#frames;
  }

  get last(): ComposedFrame | null {
    return this.#last;
  }

  /** The beat this page renders in a frame drawn at client time `clientTime`; null before a beat block arrives. */
  beatAt(clientTime: Milliseconds): PredictedBeat | null {
    const s = this.settings.resolved();
    return this.composer.clock.at(clientTime, this.clockOffset() ?? 0, s.latency_ms, s.offset_ms)?.beat ?? null;
  }

  applyScene(scene: Scene, rev: number): void {
    this.settings.applyScene(scene, rev);
    this.connection.resubscribe(this.#subscription());
  }

  /** Stops the animation loop and draws one frame for client time `clientTime` (tests compare such frames). */
  renderAt(clientTime: Milliseconds): ComposedFrame {
    this.#paused = true;
    return this.#draw(clientTime);
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#loop();
  }

  #subscription(): { display: string | null; latencyMs: Milliseconds } {
    return { display: this.options.display, latencyMs: this.settings.resolved().latency_ms };
  }

  #warn(message: string): void {
    if (this.problems.length >= 8) this.problems.shift();
    this.problems.push(message);
    console.warn(`FractalSync: ${message}`);
  }

  #loop(): void {
    requestAnimationFrame(() => {
      if (this.#paused) return;
      const started = performance.now();
      this.#draw(this.now());
      if (this.#lastFrameAt !== null) {
        const interval = started - this.#lastFrameAt;
        this.#fps = this.#fps === 0 ? 1000 / interval : 0.9 * this.#fps + 0.1 * (1000 / interval);
        this.#frameMs = 0.9 * this.#frameMs + 0.1 * (performance.now() - started);
      }
      this.#lastFrameAt = started;
      this.#loop();
    });
  }

  #draw(clientTime: Milliseconds): ComposedFrame {
    const settings = this.settings.resolved();
    const composed = this.composer.compose(clientTime, this.clockOffset() ?? 0, settings);
    if (this.renderer.render(composed.plan, PALETTES[settings.palette])) this.#frames++;
    this.#last = composed;
    if (clientTime - this.#lastHudAt > HUD_PERIOD_MS || clientTime < this.#lastHudAt) {
      this.#lastHudAt = clientTime;
      this.#hud.show({
        fps: this.#fps,
        frameMs: this.#frameMs,
        bpm: composed.frame?.bpm ?? null,
        conf: composed.frame?.conf ?? 0,
        section: composed.frame?.section ?? null,
        look: composed.look,
        clockOffset: this.clockOffset(),
        clockDelay: this.connection.delay,
        connection: this.connection.state,
        display: this.options.display,
        settings,
        states: this.connection.statesReceived,
        contextLost: this.renderer.contextLost,
        problems: this.problems,
      });
    }
    return composed;
  }
}
