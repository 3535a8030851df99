import { DISPLAY_NAME_PATTERN, LOOKS, SCENE_LIMITS, type Look } from '../../server/src/core/scene/scene.js';
import type { Milliseconds } from '../../server/src/core/units.js';
import { PALETTE_NAMES, isPaletteName, type PaletteName } from '../../server/src/core/visual/palettes.js';

/** What a projector is told in its URL: `/?display=NAME&latency=MS` and a few pins and debug switches. */
export interface VisualizerOptions {
  display: string | null;
  /** Projector lag (ms); the scene's per-display latency_ms overrides it once it arrives. */
  latencyMs: Milliseconds;
  offsetMs: Milliseconds;
  /** Pinned on this display whatever the scene says. */
  look: Look | null;
  palette: PaletteName | null;
  /** Render resolution as a share of the screen's, for weak GPUs. */
  scale: number;
  /** Supersampling: samples per pixel side (1 or 2, i.e. 1 or 4 samples). */
  supersample: 1 | 2;
  /** Debug: shifts this page's clock, to test clock-offset estimation. */
  clockSkewMs: Milliseconds;
  hud: boolean;
  /** `baseline` swaps the Julia shader for a trivial one (the frame-time benchmark's reference). */
  shader: 'julia' | 'baseline';
}

export interface ParsedOptions {
  options: VisualizerOptions;
  /** One line per parameter that was refused (the default is used instead). */
  problems: string[];
}

function numberParam(params: URLSearchParams, name: string, lo: number, hi: number, fallback: number, problems: string[]): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < lo || value > hi) {
    problems.push(`?${name}=${raw} is not a number from ${lo} to ${hi}; using ${fallback}`);
    return fallback;
  }
  return value;
}

function choiceParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], problems: string[]): T | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) problems.push(`?${name}=${raw} is not one of ${allowed.join(', ')}; ignored`);
  return found ?? null;
}

export function parseOptions(search: string): ParsedOptions {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  let display = params.get('display');
  if (display !== null && !DISPLAY_NAME_PATTERN.test(display)) {
    problems.push(`?display=${display} must be 1 to 64 characters from A-Z a-z 0-9 space _ . -; not registering a display name`);
    display = null;
  }
  const palette = params.get('palette');
  if (palette !== null && !isPaletteName(palette)) problems.push(`?palette=${palette} is not one of ${PALETTE_NAMES.join(', ')}; ignored`);
  const supersample = numberParam(params, 'ss', 1, 2, 1, problems);
  if (!Number.isInteger(supersample)) problems.push(`?ss=${supersample} must be 1 or 2`);
  return {
    options: {
      display,
      latencyMs: numberParam(params, 'latency', ...SCENE_LIMITS.latency_ms, 0, problems),
      offsetMs: numberParam(params, 'offset', ...SCENE_LIMITS.offset_ms, 0, problems),
      look: choiceParam(params, 'look', LOOKS, problems),
      palette: palette !== null && isPaletteName(palette) ? palette : null,
      scale: numberParam(params, 'scale', 0.1, 1, 1, problems),
      supersample: supersample === 2 ? 2 : 1,
      clockSkewMs: numberParam(params, 'clock_skew_ms', -86_400_000, 86_400_000, 0, problems),
      hud: params.get('hud') === '1',
      shader: choiceParam(params, 'shader', ['julia', 'baseline'] as const, problems) ?? 'julia',
    },
    problems,
  };
}
