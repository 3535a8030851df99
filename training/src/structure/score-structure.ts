/**
 * Scores structure predictions against the labels of a set of songs, pooling hops over songs: section accuracy,
 * per-horizon ROC AUC and Brier score, and the boundary-event table. Also the trivial baselines (always "verse",
 * a constant hazard equal to the training set's prior) and the floors.
 */
import { ALARM_HOLD, type AlarmThresholds } from '@fractalsync/server/core/models/boundary-alarm';
import { addCounts, alarmsOf, boundaryEvents, emptyCounts, falseAlarmsPerMinute, nextBoundaryIndex } from './boundary-events.js';
import type { BoundaryEventCounts } from './boundary-events.js';
import { HAZARD_HORIZONS, SECTION_LABELS, sectionIndex } from './section-labels.js';
import { argmax, brierScore, rocAuc, sectionAccuracy } from './structure-metrics.js';

/** What scoring needs of a song's labels (a subset of StructureLabels). */
export interface SongTruth {
  id: string;
  fps: number;
  section: readonly number[];
  /** hazard[h][hop] in {0, 1}. */
  hazard: readonly (readonly number[])[];
  beatsAhead: readonly number[];
  boundaries: readonly number[];
}

/** One song's predictions, one row per hop: section as an index or as probabilities, hazard as 5 probabilities. */
export interface SongPrediction {
  id: string;
  section?: readonly number[];
  section_probs?: readonly (readonly number[])[];
  hazard: readonly (readonly number[])[];
}

export interface StructureScore {
  system: string;
  hops: number;
  sectionAccuracy: number;
  /** Per horizon; NaN where the pooled labels hold one class only. */
  auc: number[];
  brier: number[];
  events: BoundaryEventCounts;
  falseAlarmsPerMinute: number;
}

export const FLOORS = { sectionAccuracy: 0.7, auc4: 0.85, falseAlarmsPerMinute: 1 } as const;
const H4 = HAZARD_HORIZONS.indexOf(4);

function predictedSections(p: SongPrediction, hops: number): number[] {
  if (p.section !== undefined) return [...p.section];
  if (p.section_probs !== undefined) {
    return p.section_probs.map((row, i) => {
      if (row.length !== SECTION_LABELS.length) throw new Error(`song ${p.id} hop ${i}: ${row.length} section probabilities; expected ${SECTION_LABELS.length}`);
      return argmax(row);
    });
  }
  throw new Error(`song ${p.id} has neither "section" nor "section_probs" for its ${hops} hops`);
}

/** Scores with the daemon's own alarm at the given per-horizon thresholds and hold (core/models/boundary-alarm.ts). */
export function scoreStructure(system: string, truths: readonly SongTruth[], predictions: readonly SongPrediction[], thresholds: AlarmThresholds, hold = ALARM_HOLD): StructureScore {
  if (truths.length === 0) throw new Error('no songs to score');
  const byId = new Map(predictions.map((p) => [p.id, p]));
  const sections = { pred: [] as number[], truth: [] as number[] };
  const hazard = HAZARD_HORIZONS.map(() => ({ p: [] as number[], y: [] as number[] }));
  let events = emptyCounts();
  for (const t of truths) {
    const p = byId.get(t.id);
    if (p === undefined) throw new Error(`predictions have no song "${t.id}"`);
    const hops = t.section.length;
    const pred = predictedSections(p, hops);
    if (pred.length !== hops || p.hazard.length !== hops) throw new Error(`song ${t.id}: ${pred.length} section and ${p.hazard.length} hazard rows for ${hops} hops; expected one per hop`);
    sections.pred.push(...pred);
    sections.truth.push(...t.section);
    p.hazard.forEach((row, i) => {
      if (row.length !== HAZARD_HORIZONS.length) throw new Error(`song ${t.id} hop ${i}: ${row.length} hazard probabilities; expected ${HAZARD_HORIZONS.length}`);
      HAZARD_HORIZONS.forEach((_, h) => {
        hazard[h]?.p.push(row[h] ?? 0);
        hazard[h]?.y.push(t.hazard[h]?.[i] ?? 0);
      });
    });
    const hopEnds = t.section.map((_, i) => (i + 1) / t.fps);
    const alarm = alarmsOf(p.hazard, t.fps, thresholds, hold);
    events = addCounts(events, boundaryEvents(alarm, t.beatsAhead, nextBoundaryIndex(hopEnds, t.boundaries), t.fps));
  }
  const auc = hazard.map(({ p, y }) => (y.includes(0) && y.includes(1) ? rocAuc(p, y) : Number.NaN));
  return {
    system,
    hops: sections.truth.length,
    sectionAccuracy: sectionAccuracy(sections.pred, sections.truth),
    auc,
    brier: hazard.map(({ p, y }) => brierScore(p, y)),
    events,
    falseAlarmsPerMinute: falseAlarmsPerMinute(events),
  };
}

/** Per horizon, the share of hops with a boundary ahead in the training songs: the constant-hazard baseline. */
export function hazardPrior(truths: readonly SongTruth[]): number[] {
  return HAZARD_HORIZONS.map((_, h) => {
    let sum = 0;
    let n = 0;
    for (const t of truths) for (const y of t.hazard[h] ?? []) {
      sum += y;
      n++;
    }
    if (n === 0) throw new Error('the hazard prior needs at least one training hop');
    return sum / n;
  });
}

/** Always "verse", with a constant hazard (the prior). */
export function baselinePredictions(truths: readonly SongTruth[], prior: readonly number[]): SongPrediction[] {
  const verse = sectionIndex('verse');
  return truths.map((t) => ({ id: t.id, section: t.section.map(() => verse), hazard: t.section.map(() => [...prior]) }));
}

export function meetsFloors(s: StructureScore): boolean {
  return s.sectionAccuracy >= FLOORS.sectionAccuracy && (s.auc[H4] ?? 0) >= FLOORS.auc4 && s.falseAlarmsPerMinute <= FLOORS.falseAlarmsPerMinute;
}

/** A markdown table, one row per system. */
export function scoreTable(scores: readonly StructureScore[]): string {
  const f = (x: number, d = 3): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(d));
  const hs = HAZARD_HORIZONS;
  const head = ['system', 'section acc', ...hs.map((h) => `AUC ${h}`), ...hs.map((h) => `Brier ${h}`), 'boundaries', 'announced >= 4 beats', 'late', 'missed', 'false alarms/min', 'floors'];
  const rows = scores.map((s) => [
    s.system,
    f(s.sectionAccuracy),
    ...s.auc.map((x) => f(x)),
    ...s.brier.map((x) => f(x, 4)),
    String(s.events.boundaries),
    `${s.events.announced} (${f(s.events.boundaries > 0 ? s.events.announced / s.events.boundaries : Number.NaN, 2)})`,
    String(s.events.late),
    String(s.events.missed),
    f(s.falseAlarmsPerMinute, 2),
    meetsFloors(s) ? 'met' : 'not met',
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
