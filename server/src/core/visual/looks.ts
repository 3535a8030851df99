import type { Look } from '../scene/scene.js';
import type { Seconds } from '../units.js';
import type { Complex, OrbitBase } from './orbit.js';

export type ConcreteLook = Exclude<Look, 'auto'>;

/** Everything a look decides about the picture; the music decides the rest. */
export interface LookParams {
  /** Orbit centre: inside the cardioid gives connected sets, outside gives dust. */
  base: OrbitBase;
  /** Multiplies the orbit radius (s·ORBIT.radius). */
  radiusScale: number;
  /** Multiplies the band gates, i.e. the residual motion. */
  residualScale: number;
  /** View centre and half-height of the view, in the z plane. */
  center: Complex;
  viewScale: number;
  /** Share of zoom-in at the beat (decaying over the beat). */
  pulseZoom: number;
  /** Extra brightness at the beat. */
  pulseBrightness: number;
  /** Palette cycles per escape iteration. */
  colorDensity: number;
  /** Brightness of points that never escape (0 = black interior). */
  interior: number;
  /** Per-pixel iteration budget for this look; at most MAX_ITERATIONS. */
  maxIter: number;
}

/** The shader's loop bound: the iteration budget per pixel (and per sample when supersampling). */
export const MAX_ITERATIONS = 128;

export const LOOK_PARAMS: Record<ConcreteLook, LookParams> = {
  // Connected, slow and soft: the orbit stays inside the set.
  calm: {
    base: { angle: 0.62 * Math.PI, offset: -0.03 }, radiusScale: 0.35, residualScale: 0.3, center: { re: 0, im: 0 },
    viewScale: 1.35, pulseZoom: 0.03, pulseBrightness: 0.25, colorDensity: 0.06, interior: 0.4, maxIter: 96,
  },
  // On the boundary: the orbit swings in and out, filaments open and close.
  bloom: {
    base: { angle: 0.82 * Math.PI, offset: 0 }, radiusScale: 1, residualScale: 1, center: { re: 0, im: 0 },
    viewScale: 1.3, pulseZoom: 0.06, pulseBrightness: 0.45, colorDensity: 0.045, interior: 0.12,
    maxIter: 112,
  },
  // Outside the set: a disconnected, dusty Cantor cloud.
  dust: {
    base: { angle: 0.55 * Math.PI, offset: 0.07 }, radiusScale: 0.6, residualScale: 0.6, center: { re: 0, im: 0 },
    viewScale: 1.4, pulseZoom: 0.06, pulseBrightness: 0.5, colorDensity: 0.07, interior: 0, maxIter: 128,
  },
  // Far out: a wide orbit and strong band motion that swing it in and out of the set, a hard pulse.
  storm: {
    base: { angle: 0.9 * Math.PI, offset: 0.08 }, radiusScale: 1.4, residualScale: 1.5, center: { re: 0, im: 0 },
    viewScale: 1.2, pulseZoom: 0.12, pulseBrightness: 0.6, colorDensity: 0.09, interior: 0, maxIter: 128,
  },
};

/** The look `auto` picks for a section (contract v1 labels); unknown or absent sections get `bloom`. */
export const SECTION_LOOKS: Record<string, ConcreteLook> = {
  silence: 'calm',
  intro: 'calm',
  verse: 'calm',
  'pre-chorus': 'bloom',
  chorus: 'dust',
  bridge: 'bloom',
  inst: 'storm',
  outro: 'calm',
};

export function resolveLook(look: Look, section: string | null): ConcreteLook {
  if (look !== 'auto') return look;
  return (section === null ? undefined : SECTION_LOOKS[section]) ?? 'bloom';
}

/** Linear blend of every number of two looks; the orbit centre moves continuously from one to the other. */
export function blendLooks(a: LookParams, b: LookParams, w: number): LookParams {
  const mix = (x: number, y: number): number => x + (y - x) * w;
  return {
    base: { angle: mix(a.base.angle, b.base.angle), offset: mix(a.base.offset, b.base.offset) },
    radiusScale: mix(a.radiusScale, b.radiusScale),
    residualScale: mix(a.residualScale, b.residualScale),
    center: { re: mix(a.center.re, b.center.re), im: mix(a.center.im, b.center.im) },
    viewScale: mix(a.viewScale, b.viewScale),
    pulseZoom: mix(a.pulseZoom, b.pulseZoom),
    pulseBrightness: mix(a.pulseBrightness, b.pulseBrightness),
    colorDensity: mix(a.colorDensity, b.colorDensity),
    interior: mix(a.interior, b.interior),
    maxIter: Math.round(mix(a.maxIter, b.maxIter)),
  };
}

/** Moves from one look to the next over `duration` seconds (smoothstep), so a change never cuts. */
export class LookTransition {
  readonly #duration: Seconds;
  #from: LookParams;
  #to: LookParams;
  #target: ConcreteLook;
  #start: Seconds = -Infinity;

  constructor(initial: ConcreteLook, duration: Seconds = 2) {
    if (!Number.isFinite(duration) || duration < 0) throw new Error(`look transition duration must be >= 0 seconds, got ${String(duration)}`);
    this.#duration = duration;
    this.#from = LOOK_PARAMS[initial];
    this.#to = LOOK_PARAMS[initial];
    this.#target = initial;
  }

  get target(): ConcreteLook {
    return this.#target;
  }

  /** Aim at `look` from time `time`; starting from wherever the current blend is. */
  set(look: ConcreteLook, time: Seconds): void {
    if (look === this.#target) return;
    this.#from = this.at(time);
    this.#to = LOOK_PARAMS[look];
    this.#target = look;
    this.#start = time;
  }

  at(time: Seconds): LookParams {
    const x = this.#duration === 0 ? 1 : Math.min(1, Math.max(0, (time - this.#start) / this.#duration));
    return blendLooks(this.#from, this.#to, x * x * (3 - 2 * x));
  }
}
