/**
 * Song forms: which sections a song plays, in order, and how many bars each lasts. Held-out songs take their own
 * templates; training songs take the training templates or a form composed from a small pop grammar (never one of
 * the held-out templates), so a model learns what a section's length and sound say about its end rather than a
 * handful of sequences, and is still scored on forms it never heard.
 */
import type { Prng } from '@fractalsync/server/core/synth/prng';
import type { SectionLabel } from './section-labels.js';

export type Split = 'train' | 'heldout';

export interface FormSection {
  label: SectionLabel;
  bars: number;
}

export interface SongForm {
  template: string;
  sections: FormSection[];
}

type Template = readonly SectionLabel[];

export const TRAIN_TEMPLATES: Readonly<Record<string, Template>> = {
  'pop-a': ['intro', 'verse', 'pre-chorus', 'chorus', 'verse', 'pre-chorus', 'chorus', 'bridge', 'chorus', 'outro'],
  'pop-b': ['silence', 'intro', 'verse', 'chorus', 'verse', 'chorus', 'inst', 'chorus', 'outro'],
  'rock-a': ['intro', 'verse', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'chorus', 'outro'],
  'dance-a': ['intro', 'verse', 'pre-chorus', 'chorus', 'inst', 'verse', 'pre-chorus', 'chorus', 'outro'],
  'ballad-a': ['intro', 'verse', 'pre-chorus', 'chorus', 'silence', 'verse', 'pre-chorus', 'chorus', 'bridge', 'chorus', 'outro'],
  'stop-a': ['intro', 'verse', 'chorus', 'silence', 'verse', 'chorus', 'inst', 'bridge', 'chorus', 'outro'],
};

export const HELDOUT_TEMPLATES: Readonly<Record<string, Template>> = {
  'pop-c': ['silence', 'intro', 'verse', 'pre-chorus', 'chorus', 'inst', 'bridge', 'chorus', 'chorus', 'outro'],
  'rock-b': ['intro', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'inst', 'chorus', 'outro'],
  'dance-b': ['intro', 'inst', 'verse', 'pre-chorus', 'chorus', 'verse', 'pre-chorus', 'chorus', 'silence', 'chorus', 'outro'],
};

/** Bar counts a label may take: full songs, and compact ones (a few seconds per section, for quick checks). */
const BARS: Record<SectionLabel, { full: readonly number[]; compact: readonly number[] }> = {
  silence: { full: [1, 2], compact: [1] },
  intro: { full: [4, 8], compact: [2] },
  verse: { full: [8, 16], compact: [2, 4] },
  'pre-chorus': { full: [4, 8], compact: [2] },
  chorus: { full: [8, 16], compact: [2, 4] },
  bridge: { full: [4, 8], compact: [2] },
  inst: { full: [4, 8], compact: [2, 4] },
  outro: { full: [4, 8], compact: [2] },
};

export function pick<T>(rng: Prng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Share of training songs whose form is composed rather than taken from a training template. */
export const COMPOSED_SHARE = 0.6;
/** The template name a composed form carries. */
export const COMPOSED = 'composed';

const same = (a: readonly SectionLabel[], b: readonly SectionLabel[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A pop form: an optional count-in silence and intro, two or three verse / pre-chorus / chorus blocks (a verse or
 * chorus sometimes doubled), an interlude (instrumental, bridge or a stop) before some blocks, a middle of bridge
 * and instrumental in either order, the last chorus (sometimes twice) and usually an outro.
 */
function composeLabels(rng: Prng): SectionLabel[] {
  const form: SectionLabel[] = [];
  if (rng() < 0.2) form.push('silence');
  if (rng() < 0.9) form.push('intro');
  const blocks = rng() < 0.6 ? 2 : 3;
  for (let b = 0; b < blocks; b++) {
    if (b > 0 && rng() < 0.3) form.push(pick(rng, ['inst', 'bridge', 'silence'] as const));
    form.push('verse');
    if (rng() < 0.25) form.push('verse');
    if (rng() < 0.5) form.push('pre-chorus');
    form.push('chorus');
    if (rng() < 0.2) form.push('chorus');
  }
  const middle: SectionLabel[] = (['bridge', 'inst'] as const).filter(() => rng() < 0.55);
  if (middle.length === 2 && rng() < 0.5) middle.reverse();
  if (rng() < 0.15) middle.push('silence');
  form.push(...middle, 'chorus');
  if (rng() < 0.3) form.push('chorus');
  if (rng() < 0.85) form.push('outro');
  return form;
}

/** A composed form that is none of the held-out templates (redrawn until it is not; one in a few hundred is). */
export function composeForm(rng: Prng): SectionLabel[] {
  const heldout = Object.values(HELDOUT_TEMPLATES);
  for (;;) {
    const labels = composeLabels(rng);
    if (!heldout.some((t) => same(t, labels))) return labels;
  }
}

export function drawForm(rng: Prng, split: Split, compact: boolean): SongForm {
  let template: string;
  let labels: readonly SectionLabel[];
  if (split === 'train' && rng() < COMPOSED_SHARE) {
    template = COMPOSED;
    labels = composeForm(rng);
  } else {
    const templates = split === 'train' ? TRAIN_TEMPLATES : HELDOUT_TEMPLATES;
    template = pick(rng, Object.keys(templates).sort());
    labels = templates[template] ?? [];
  }
  const sections = labels.map((label) => ({ label, bars: pick(rng, compact ? BARS[label].compact : BARS[label].full) }));
  return { template, sections };
}
