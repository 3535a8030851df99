import { CONTRACT } from '../../core/contract/contract.js';
import type { BeatState, SlowState } from '../../core/state/slow-state.js';

/** Feature names in SlowState order for OSC addresses; bands become band_0..band_5. */
export const FEATURE_NAMES = ['rms', 'centroid', 'flux', 'zcr', 'onset', 'rolloff'] as const;
export const BAND_COUNT = 6;
export const BEAT_FIELDS = ['bpm', 'spb', 'phase', 'beat_in_bar', 'beats_per_bar', 'bar_phase', 'beat_count', 'bar_count', 'conf', 'downbeat_prob'] as const;
export const CONTROL_NAMES: readonly string[] = CONTRACT.control_vector;
export const SECTION_LABELS: readonly string[] = CONTRACT.sections;
export const HAZARD_HORIZONS: readonly number[] = CONTRACT.hazard_horizons_beats;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Every signal a mapping may read, as `block.name`. */
export const SIGNAL_NAMES: readonly string[] = [
  ...FEATURE_NAMES.map((n) => `features.${n}`),
  ...range(BAND_COUNT).map((i) => `features.band_${String(i)}`),
  ...BEAT_FIELDS.map((n) => `beat.${n}`),
  ...CONTROL_NAMES.map((n) => `control.${n}`),
  ...range(HAZARD_HORIZONS.length).map((i) => `hazard.${String(i)}`),
  ...range(SECTION_LABELS.length).map((i) => `section_probs.${String(i)}`),
  'c.re',
  'c.im',
];
const SIGNAL_SET = new Set(SIGNAL_NAMES);

/** A short description of the allowed names, for error messages. */
export const SIGNAL_NAMES_HELP =
  `features.<${FEATURE_NAMES.join('|')}|band_0..band_${String(BAND_COUNT - 1)}>, beat.<${BEAT_FIELDS.join('|')}>, ` +
  `control.<${CONTROL_NAMES.join('|')}>, hazard.0..${String(HAZARD_HORIZONS.length - 1)}, ` +
  `section_probs.0..${String(SECTION_LABELS.length - 1)}, c.re, c.im`;

export function isSignalName(name: string): boolean {
  return SIGNAL_SET.has(name);
}

/** The value of a signal in a state, or undefined when its block is absent (never a made-up value). */
export function readSignal(state: SlowState, name: string): number | undefined {
  const dot = name.indexOf('.');
  const block = name.slice(0, dot);
  const key = name.slice(dot + 1);
  switch (block) {
    case 'features':
      if (key.startsWith('band_')) return state.features.bands[Number(key.slice(5))];
      return (FEATURE_NAMES as readonly string[]).includes(key) ? state.features[key as (typeof FEATURE_NAMES)[number]] : undefined;
    case 'beat':
      return state.beat && (BEAT_FIELDS as readonly string[]).includes(key) ? state.beat[key as keyof BeatState] : undefined;
    case 'control':
      return state.control?.[CONTROL_NAMES.indexOf(key)];
    case 'hazard':
      return state.structure?.hazard[Number(key)];
    case 'section_probs':
      return state.structure?.section_probs[Number(key)];
    case 'c':
      return key === 're' ? state.c?.[0] : key === 'im' ? state.c?.[1] : undefined;
    default:
      return undefined;
  }
}
