import type { SlowState } from '../../core/state/slow-state.js';
import { float, int, str, type OscMessage } from './osc-message.js';
import { boundaryAnnounced, sectionChanged, sectionProb, type OscProfile, type PredictedBeat } from './profile.js';
import { CONTROL_NAMES, FEATURE_NAMES } from './signals.js';

const msg = (address: string, ...args: OscMessage['args']): OscMessage => ({ address, args });

/** Features as `/fs/features/<name>`, bands as `/fs/features/band_0..5`; shared with touchdesigner. */
export function featureMessages(state: SlowState): OscMessage[] {
  const out = FEATURE_NAMES.map((n) => msg(`/fs/features/${n}`, float(state.features[n])));
  state.features.bands.forEach((b, i) => out.push(msg(`/fs/features/band_${String(i)}`, float(b))));
  return out;
}

/** Control vector as `/fs/control/<name>` (names from the contract), only when present. */
export function controlMessages(state: SlowState): OscMessage[] {
  return (state.control ?? []).flatMap((v, i) => {
    const name = CONTROL_NAMES[i];
    return name === undefined ? [] : [msg(`/fs/control/${name}`, float(v))];
  });
}

/** The generic /fs address space of DESIGN.md: typed arguments, several values per message where they belong together. */
export const genericProfile: OscProfile = {
  continuous(state) {
    const out: OscMessage[] = [];
    if (state.beat) {
      const b = state.beat;
      out.push(msg('/fs/phase', float(b.phase)), msg('/fs/bar_phase', float(b.bar_phase)), msg('/fs/bpm', float(b.bpm)), msg('/fs/conf', float(b.conf)));
    }
    if (state.structure) out.push(msg('/fs/hazard', ...state.structure.hazard.map(float)));
    out.push(...featureMessages(state), ...controlMessages(state));
    if (state.c) out.push(msg('/fs/c', float(state.c[0]), float(state.c[1])));
    return out;
  },
  changes(state, prev) {
    const out: OscMessage[] = [];
    const prob = sectionProb(state);
    // A label outside the contract has no probability to send; it is skipped rather than given a made-up one.
    if (state.structure && prob !== undefined && sectionChanged(state, prev)) out.push(msg('/fs/section', str(state.structure.section), float(prob)));
    const beats = boundaryAnnounced(state, prev);
    if (beats !== undefined) out.push(msg('/fs/boundary', int(beats)));
    return out;
  },
  beat(b: PredictedBeat) {
    const out = [msg('/fs/beat', int(b.beatCount), int(b.beatInBar), float(b.bpm))];
    if (b.downbeat) out.push(msg('/fs/downbeat', int(b.barCount)));
    return out;
  },
};
