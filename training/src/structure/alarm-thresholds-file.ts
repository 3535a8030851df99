/**
 * The alarm thresholds a structure run chose on its validation songs (`alarm-thresholds.json` in the run folder,
 * written by `train:anticipator validate`, read by `eval` and `export`), and their command-line form.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkThresholds } from '@fractalsync/server/core/models/boundary-alarm';
import type { AlarmChoice } from './choose-alarm.js';
import { HAZARD_HORIZONS } from './section-labels.js';

export const ALARM_FILE = 'alarm-thresholds.json';

/** "0.5,off,0.6,off,off" -> [0.5, null, 0.6, null, null], checked against the contract's horizons. */
export function parseThresholds(list: string): (number | null)[] {
  const values = list.split(',').map((v) => {
    const t = v.trim();
    if (t === 'off') return null;
    const x = Number(t);
    if (t === '' || !Number.isFinite(x)) throw new Error(`--thresholds "${list}": "${t}" is not a number or "off"`);
    return x;
  });
  checkThresholds(values, HAZARD_HORIZONS, `--thresholds "${list}"`);
  return values;
}

export function formatThresholds(thresholds: readonly (number | null)[]): string {
  return thresholds.map((t) => (t === null ? 'off' : String(t))).join(',');
}

export async function writeAlarmChoice(runDir: string, choice: AlarmChoice): Promise<string> {
  const file = join(runDir, ALARM_FILE);
  await writeFile(file, `${JSON.stringify(choice, null, 1)}\n`);
  return file;
}

/** The run's chosen thresholds; the error says how to choose them when there are none. */
export async function readAlarmThresholds(runDir: string): Promise<(number | null)[]> {
  const file = join(runDir, ALARM_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} does not exist: run "train:anticipator validate" first, which chooses the alarm thresholds on the validation songs`);
  }
  let json: { thresholds?: unknown };
  try {
    json = JSON.parse(text) as { thresholds?: unknown };
  } catch (error) {
    throw new Error(`${file} is not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!Array.isArray(json.thresholds)) throw new Error(`${file}: expected { "thresholds": [5 numbers or nulls] }`);
  return [...checkThresholds(json.thresholds as (number | null)[], HAZARD_HORIZONS, file)];
}
