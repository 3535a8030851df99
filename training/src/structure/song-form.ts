/**
 * Song forms: which sections a song plays, in order, and how many bars each lasts. Training and held-out songs
 * draw from different templates, so a model is scored on forms it never heard.
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

export function drawForm(rng: Prng, split: Split, compact: boolean): SongForm {
  const templates = split === 'train' ? TRAIN_TEMPLATES : HELDOUT_TEMPLATES;
  const template = pick(rng, Object.keys(templates).sort());
  const labels = templates[template] ?? [];
  const sections = labels.map((label) => ({ label, bars: pick(rng, compact ? BARS[label].compact : BARS[label].full) }));
  return { template, sections };
}
