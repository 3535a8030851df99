import type { Bpm } from '../../core/units.js';
import { applyMapping, type OscMapping } from './mapping.js';
import { float, int, type OscMessage } from './osc-message.js';
import type { OscProfile } from './profile.js';
import { readSignal } from './signals.js';

export const RESOLUME_TEMPO_ADDRESS = '/composition/tempocontroller/tempo';
export const RESOLUME_RESYNC_ADDRESS = '/composition/tempocontroller/resync';

/** Resolume's tempo parameter is normalised over 20..500 BPM. */
export function resolumeTempo(bpm: Bpm): number {
  return Math.min(1, Math.max(0, (bpm - 20) / 480));
}

export interface ResolumeOptions {
  mappings: readonly OscMapping[];
  /** Resync on downbeats whose bar_count is divisible by this (1 = every bar). */
  resyncEveryBars: number;
}

/** Tempo and resync for Resolume's tempo controller, plus the user's signal -> address mappings. */
export function resolumeProfile(options: ResolumeOptions): OscProfile {
  return {
    continuous(state) {
      const out: OscMessage[] = [];
      if (state.beat) out.push({ address: RESOLUME_TEMPO_ADDRESS, args: [float(resolumeTempo(state.beat.bpm))] });
      for (const m of options.mappings) {
        const value = readSignal(state, m.signal);
        if (value !== undefined) out.push({ address: m.address, args: [float(applyMapping(m, value))] });
      }
      return out;
    },
    changes() {
      return [];
    },
    beat(b) {
      return b.downbeat && b.barCount % options.resyncEveryBars === 0 ? [{ address: RESOLUME_RESYNC_ADDRESS, args: [int(1)] }] : [];
    },
  };
}
