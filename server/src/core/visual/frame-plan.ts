import type { PredictedBeat } from '../clock/beat-prediction.js';
import type { LookParams } from './looks.js';
import { orbitPoint, type Complex } from './orbit.js';
import type { FollowedOrbit } from './orbit-follower.js';

/**
 * The musical behaviour of a frame, as numbers the renderer turns into uniforms: a zoom and brightness pulse
 * that starts on each beat and decays through it, a palette step that lands on each downbeat, more of
 * everything as a section change builds, and the VJ's strobe and blackout.
 */
export const BEHAVIOUR = {
  /** Pulse = e^{-decay·phase}: about 5 % left at mid-beat. */
  pulseDecay: 6,
  /** Palette phase added per bar; the step eases in over the first stepBeats of the bar. */
  paletteStep: 0.125,
  stepBeats: 0.5,
  /** Strobe flash: full white at the beat, gone after this share of the beat. */
  strobeWidth: 0.12,
  /** At full build-up: zoom in by this share, widen the orbit by this share, brighten the pulse by this factor. */
  buildZoom: 0.2,
  buildRadius: 0.5,
  buildPulse: 1,
} as const;

export interface FrameSettings {
  intensity: number;
  zoom: number;
  strobe: boolean;
  blackout: boolean;
}

export interface FrameInput {
  beat: PredictedBeat | null;
  conf: number;
  look: LookParams;
  /** s, θ and the beat position the band residuals are drawn at. */
  orbit: FollowedOrbit;
  gates: readonly number[];
  build: number;
  settings: FrameSettings;
}

export interface FramePlan {
  c: Complex;
  center: Complex;
  /** Half-height of the view in the z plane. */
  scale: number;
  maxIter: number;
  colorDensity: number;
  interior: number;
  paletteShift: number;
  brightness: number;
  /** Beat pulse in [0, 1] (1 on the beat). */
  pulse: number;
  /** Strobe flash in [0, 1]. */
  flash: number;
  blackout: boolean;
}

const smoothstep = (x: number): number => {
  const t = Math.min(1, Math.max(0, x));
  return t * t * (3 - 2 * t);
};

/** Beat pulse for a phase: e^{-decay·phase}, scaled by how sure the tracker is (a guessed beat pulses less). */
export function beatPulse(phase: number, conf: number): number {
  return Math.exp(-BEHAVIOUR.pulseDecay * phase) * (0.6 + 0.4 * Math.min(1, Math.max(0, conf)));
}

/** Palette phase: one step per bar, eased in just after the downbeat so the change lands on it. */
export function paletteShift(beat: PredictedBeat | null): number {
  if (beat === null) return 0;
  const intoBar = beat.barPhase * beat.beatsPerBar;
  return BEHAVIOUR.paletteStep * (beat.barCount - 1 + smoothstep(intoBar / BEHAVIOUR.stepBeats));
}

export function planFrame(input: FrameInput): FramePlan {
  const { beat, look, settings } = input;
  const build = Math.min(1, Math.max(0, input.build));
  const pulse = beat === null ? 0 : beatPulse(beat.phase, input.conf);
  const gates = input.gates.map((g) => g * look.residualScale);
  const c = orbitPoint(look.base, input.orbit, gates, input.orbit.beats, look.radiusScale * (1 + BEHAVIOUR.buildRadius * build));
  const pulseGain = 1 + BEHAVIOUR.buildPulse * build;
  const intensity = Math.min(1, Math.max(0, settings.intensity));
  return {
    c,
    center: look.center,
    scale: (look.viewScale / settings.zoom) * (1 - look.pulseZoom * pulse * pulseGain) * (1 - BEHAVIOUR.buildZoom * build),
    maxIter: look.maxIter,
    colorDensity: look.colorDensity,
    interior: look.interior,
    paletteShift: paletteShift(beat),
    brightness: 0.6 + 0.4 * intensity + look.pulseBrightness * pulse * pulseGain * (0.5 + intensity),
    pulse,
    flash: settings.strobe && beat !== null ? Math.max(0, 1 - beat.phase / BEHAVIOUR.strobeWidth) : 0,
    blackout: settings.blackout,
  };
}
