import type { AggregateScores } from './aggregate.js';
import type { FloorCheck } from './floors.js';
import type { BeatEvalReport } from './run-beat-eval.js';

/** The report as markdown, ready to paste into docs/BENCHMARKS.md. */
export function formatReport(report: BeatEvalReport): string {
  const first = report.systems[0];
  const audio = first === undefined ? 0 : first.aggregate.audioSeconds;
  const lines = [
    `### Beat tracking on set \`${report.set}\` (${report.tracks} tracks, ${num(audio, 1)} s of audio)`,
    '',
    ...(report.command === undefined ? [] : [`Command: \`${report.command}\``, '']),
    `F-measure window ±${num(report.window * 1000, 0)} ms; F, CML, AML and downbeat F skip the first ${num(report.trimSeconds, 1)} s; lock-on and re-lock need ${report.lockRun} consecutive correct beats.`,
    '',
    '| system | beat F | CMLt | AMLt | CMLc | downbeat F | meter | lock-on (median) | re-lock bars (median / max, events) | real-time factor |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...report.systems.map((s) => `| ${s.name}${s.version === undefined ? '' : ` (${s.version})`} | ${scoreCells(s.aggregate)} | ${rtf(s.aggregate.realTimeFactor)} |`),
    '',
    ...breakdown('style', report, (s) => s.byStyle),
    ...breakdown('variant', report, (s) => s.byVariant),
    ...(report.floors.length === 0 ? [] : floorTable(report.floors, report.floorsFor)),
    ...(report.notes.length === 0 ? [] : ['Notes:', ...report.notes.map((n) => `- ${n}`), '']),
  ];
  return lines.join('\n');
}

function breakdown(key: string, report: BeatEvalReport, pick: (s: BeatEvalReport['systems'][number]) => Record<string, AggregateScores>): string[] {
  const rows: string[] = [];
  const groups = [...new Set(report.systems.flatMap((s) => Object.keys(pick(s))))].sort();
  for (const group of groups) {
    for (const system of report.systems) {
      const scores = pick(system)[group];
      if (scores !== undefined) rows.push(`| ${group} | ${system.name} | ${scores.tracks} | ${scoreCells(scores)} |`);
    }
  }
  return [
    `By ${key}:`,
    '',
    `| ${key} | system | tracks | beat F | CMLt | AMLt | CMLc | downbeat F | meter | lock-on (median) | re-lock bars (median / max, events) |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

function scoreCells(a: AggregateScores): string {
  const relock = a.relockEvents === 0 ? 'no events' : `${bars(a.relockMedian)} / ${bars(a.relockMax)} (${a.relockEvents})`;
  return [
    num(a.fMeasure, 3),
    num(a.cmlt, 3),
    num(a.amlt, 3),
    num(a.cmlc, 3),
    a.downbeatF === null ? 'n/a' : num(a.downbeatF, 3),
    a.meterAccuracy === null ? 'unknown' : `${num(a.meterAccuracy * 100, 0)} % right`,
    seconds(a.lockOnMedian),
    relock,
  ].join(' | ');
}

function floorTable(floors: readonly FloorCheck[], system: string): string[] {
  return [
    `Floors (issue 3), ${system}:`,
    '',
    '| check | value | needs | result |',
    '|---|---|---|---|',
    ...floors.map((f) => `| ${f.check} | ${f.value === null ? 'n/a' : num(f.value, 3)} | ${f.comparison} ${f.limit === null ? 'n/a' : num(f.limit, 3)} | ${f.pass === null ? 'not judged' : f.pass ? 'pass' : '**FAIL**'} |`),
    '',
  ];
}

function num(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? 'never' : '-inf';
  return x.toFixed(digits);
}

function seconds(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)} s` : num(x, 2);
}

function bars(x: number | null): string {
  return x === null ? 'n/a' : num(x, 2);
}

function rtf(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(1)}x` : 'n/a';
}
