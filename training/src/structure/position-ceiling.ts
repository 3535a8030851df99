/**
 * How far knowing the section and where it began would go: a table of P(change within H tracker beats | meter,
 * true section label, tracker beats since the section began), counted on the training songs and read on the
 * held-out ones, scored by hazard AUC. It reads the labels, not the audio, so no causal model gets this
 * information for free; it says how much of the hazard position alone can explain.
 */
import type { StructureLabels } from './build-structure-set.js';
import { rocAuc } from './structure-metrics.js';

export interface PositionSong {
  beatsPerBar: number;
  labels: Pick<StructureLabels, 'section' | 'beats_to_boundary' | 'hazard' | 'horizons'>;
}

/** The tracker-counted hazard labels of one horizon; a horizon the labels lack is refused by name. */
function horizonTargets(song: PositionSong, horizon: number): ArrayLike<number> {
  const targets = song.labels.hazard.tracker[song.labels.horizons.indexOf(horizon)];
  if (targets === undefined) throw new Error(`horizon ${horizon} is not one of the labels' ${song.labels.horizons.join(', ')}`);
  return targets;
}

/** Per hop: the table key (meter when asked, label, tracker beats since the section began) and the target. */
export function positionRows(song: PositionSong, horizon: number, withMeter: boolean): { key: string; target: number }[] {
  const targets = horizonTargets(song, horizon);
  const toBoundary = song.labels.beats_to_boundary.tracker;
  let start = toBoundary[0] ?? -1;
  return song.labels.section.map((label, i) => {
    const left = toBoundary[i] ?? -1;
    // A section begins where the count to the next change jumps up (a change has passed), whatever its label.
    if (i > 0 && left > (toBoundary[i - 1] ?? -1)) start = left;
    const since = left >= 0 && start >= 0 ? start - left : -1;
    return { key: `${withMeter ? song.beatsPerBar : ''}|${label}|${since}`, target: targets[i] ?? 0 };
  });
}

/**
 * The same rows with the position a causal detector gives instead of the true one: `barsSince[i]` is the bars since
 * its last detected change at hop i (negative before any), bucketed to quarter bars.
 */
export function detectedRows(song: PositionSong, horizon: number, barsSince: ArrayLike<number>, withMeter: boolean): { key: string; target: number }[] {
  const targets = horizonTargets(song, horizon);
  if (barsSince.length < song.labels.section.length) throw new Error(`${barsSince.length} detector positions for ${song.labels.section.length} labelled hops`);
  return song.labels.section.map((label, i) => {
    const bars = barsSince[i] ?? -1;
    return { key: `${withMeter ? song.beatsPerBar : ''}|${label}|${bars < 0 ? -1 : Math.floor(bars * 4)}`, target: targets[i] ?? 0 };
  });
}

/** Hazard AUC on `test` of the position table counted on `train` (unseen positions read as a low 0.1). */
export function positionCeiling(train: readonly PositionSong[], test: readonly PositionSong[], horizon: number, withMeter: boolean): number {
  return tableAuc(
    train.map((song) => positionRows(song, horizon, withMeter)),
    test.map((song) => positionRows(song, horizon, withMeter)),
  );
}

/** Hazard AUC on the `test` rows of P(target | key) counted on the `train` rows. */
export function tableAuc(train: readonly { key: string; target: number }[][], test: readonly { key: string; target: number }[][]): number {
  const table = new Map<string, { changes: number; hops: number }>();
  for (const rows of train) {
    for (const { key, target } of rows) {
      const cell = table.get(key) ?? { changes: 0, hops: 0 };
      cell.changes += target;
      cell.hops += 1;
      table.set(key, cell);
    }
  }
  const scores: number[] = [];
  const labels: number[] = [];
  for (const rows of test) {
    for (const { key, target } of rows) {
      const cell = table.get(key);
      scores.push(((cell?.changes ?? 0) + 0.1) / ((cell?.hops ?? 0) + 1));
      labels.push(target);
    }
  }
  return rocAuc(scores, labels);
}
