import type { PredictedBeat } from '../../server/src/core/clock/beat-prediction.js';
import type { Scene } from '../../server/src/core/scene/scene.js';
import type { Milliseconds } from '../../server/src/core/units.js';
import type { ConnectionState } from './connection.js';
import type { UniformSnapshot } from './render/julia-renderer.js';
import type { Visualizer } from './visualizer.js';

/** What tests and the benchmark read from a running page (`window.__fractalsync`). */
export interface FractalSyncDebug {
  /** The page's clock, ms since the epoch, including any ?clock_skew_ms. */
  now(): Milliseconds;
  /** Beat phase rendered by a frame drawn at page time `localMs`; null before a beat block arrives. */
  phaseAt(localMs: Milliseconds): number | null;
  beatAt(localMs: Milliseconds): PredictedBeat | null;
  clockOffset(): Milliseconds | null;
  /** Round trip of the ping/pong exchange the offset comes from: the offset is good to half of it. */
  clockDelay(): Milliseconds | null;
  fps(): number;
  /** Uniforms of the last frame drawn. */
  uniforms(): UniformSnapshot;
  status(): DebugStatus;
  /** Pauses the animation loop and draws the frame for page time `localMs`; returns its beat pulse. */
  renderAt(localMs: Milliseconds): { pulse: number; phase: number | null; look: string };
  resume(): void;
  /** Applies a scene exactly as a `scene` message from the daemon would. */
  applyScene(scene: Scene, rev: number): void;
}

export interface DebugStatus {
  connection: ConnectionState;
  connections: number;
  statesReceived: number;
  lastHop: number | null;
  frames: number;
  display: string | null;
  latencyMs: Milliseconds;
  offsetMs: Milliseconds;
  look: string;
  palette: string;
  section: string | null;
  bpm: number | null;
  conf: number;
  contextLost: boolean;
  contextEvents: { lost: number; restored: number };
  problems: string[];
}

declare global {
  interface Window {
    __fractalsync?: FractalSyncDebug;
  }
}

export function installDebugHook(v: Visualizer): void {
  window.__fractalsync = {
    now: () => v.now(),
    phaseAt: (localMs) => v.beatAt(localMs)?.phase ?? null,
    beatAt: (localMs) => v.beatAt(localMs),
    clockOffset: () => v.clockOffset(),
    clockDelay: () => v.connection.delay,
    fps: () => v.fps,
    uniforms: () => v.renderer.uniforms(),
    status: () => {
      const s = v.settings.resolved();
      return {
        connection: v.connection.state,
        connections: v.connection.connections,
        statesReceived: v.connection.statesReceived,
        lastHop: v.composer.clock.state?.hop ?? null,
        frames: v.frames,
        display: v.options.display,
        latencyMs: s.latency_ms,
        offsetMs: s.offset_ms,
        look: v.last?.look ?? s.look,
        palette: s.palette,
        section: v.last?.frame?.section ?? null,
        bpm: v.last?.frame?.bpm ?? null,
        conf: v.last?.frame?.conf ?? 0,
        contextLost: v.renderer.contextLost,
        contextEvents: v.renderer.contextEvents,
        problems: [...v.problems],
      };
    },
    renderAt: (localMs) => {
      const frame = v.renderAt(localMs);
      return { pulse: frame.plan.pulse, phase: frame.frame?.beat?.phase ?? null, look: frame.look };
    },
    resume: () => {
      v.resume();
    },
    applyScene: (scene, rev) => {
      v.applyScene(scene, rev);
    },
  };
}
