/**
 * The eight section labels of model contract v1, in its frozen order: a label's index here is its class index in
 * the anticipator's section logits. Checked against the contract when this module loads.
 */
import { CONTRACT } from '@fractalsync/server/core/contract/contract';

export const SECTION_LABELS = ['silence', 'intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'inst', 'outro'] as const;
export type SectionLabel = (typeof SECTION_LABELS)[number];

/** Hazard horizons in beats, as the contract freezes them. */
export const HAZARD_HORIZONS: readonly number[] = CONTRACT.hazard_horizons_beats;

if (CONTRACT.sections.join() !== SECTION_LABELS.join()) {
  throw new Error(`model contract sections [${CONTRACT.sections.join(', ')}] differ from the labels this code writes [${SECTION_LABELS.join(', ')}]`);
}

export function sectionIndex(label: string): number {
  const index = SECTION_LABELS.indexOf(label as SectionLabel);
  if (index < 0) throw new Error(`section label "${label}" is unknown; expected one of ${SECTION_LABELS.join(', ')}`);
  return index;
}

export function isSectionLabel(label: string): label is SectionLabel {
  return SECTION_LABELS.includes(label as SectionLabel);
}
