import { float, type OscMessage } from './osc-message.js';
import { boundaryAnnounced, sectionChanged, type OscProfile } from './profile.js';
import { controlMessages, featureMessages } from './profile-generic.js';
import { SECTION_LABELS } from './signals.js';

const one = (address: string, value: number): OscMessage => ({ address, args: [float(value)] });
const pulse = (address: string, value = 1): OscMessage => ({ address, args: [float(value)], pulse: true });

/**
 * One float per address, so TouchDesigner's OSC In CHOP makes one clean channel each. Events are pulses:
 * the value at the event, then 0 one update later (the output sends the 0).
 */
export const touchDesignerProfile: OscProfile = {
  continuous(state) {
    const out: OscMessage[] = [];
    const b = state.beat;
    if (b) out.push(one('/fs/phase', b.phase), one('/fs/bar_phase', b.bar_phase), one('/fs/bpm', b.bpm), one('/fs/conf', b.conf), one('/fs/beat_in_bar', b.beat_in_bar));
    const s = state.structure;
    if (s) {
      const index = SECTION_LABELS.indexOf(s.section);
      if (index >= 0) out.push(one('/fs/section', index));
      s.hazard.forEach((h, i) => out.push(one(`/fs/hazard/${String(i)}`, h)));
      s.section_probs.forEach((p, i) => out.push(one(`/fs/section_probs/${String(i)}`, p)));
    }
    out.push(...featureMessages(state), ...controlMessages(state));
    if (state.c) out.push(one('/fs/c/re', state.c[0]), one('/fs/c/im', state.c[1]));
    return out;
  },
  changes(state, prev) {
    const out: OscMessage[] = [];
    if (sectionChanged(state, prev)) out.push(pulse('/fs/section_change'));
    const beats = boundaryAnnounced(state, prev);
    if (beats !== undefined) out.push(pulse('/fs/boundary', beats));
    return out;
  },
  beat(b) {
    const out = [pulse('/fs/beat'), one('/fs/beat_count', b.beatCount)];
    if (b.downbeat) out.push(pulse('/fs/downbeat'), one('/fs/bar_count', b.barCount));
    return out;
  },
};
