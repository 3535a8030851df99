import { describe, expect, it } from 'vitest';
import { chooseAlarmThresholds } from '../../src/structure/choose-alarm.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALARM_FILE, formatThresholds, parseThresholds, readAlarmThresholds, writeAlarmChoice } from '../../src/structure/alarm-thresholds-file.js';
import type { SongPrediction, SongTruth } from '../../src/structure/score-structure.js';

// Two minutes at one hop per second, one beat per hop; boundaries at 30.5 s and 60.5 s and none after.
const HOPS = 120;
const k = Array.from({ length: HOPS }, (_, i) => (i < 30 ? 30 - i : i < 60 ? 60 - i : -1));
const truth: SongTruth = {
  id: 'song',
  fps: 1,
  section: new Array<number>(HOPS).fill(2),
  hazard: [1, 2, 4, 8, 16].map((h) => k.map((x) => (x >= 1 && x <= h ? 1 : 0))),
  beatsAhead: k,
  boundaries: [30.5, 60.5],
};
// The 4-beat hazard sees the first change clearly (0.8), the second faintly (0.5), and rises falsely to 0.6 at 100 s.
const p4 = (x: number, i: number): number => (x >= 1 && x <= 4 ? (i < 30 ? 0.8 : 0.5) : i === 100 ? 0.6 : 0.1);
const prediction: SongPrediction = { id: 'song', section: truth.section, hazard: k.map((x, i) => [0, 0, p4(x, i), 0, 0]) };

describe('choosing the alarm thresholds', () => {
  it('announces what it can within the false-alarm budget', () => {
    // 0.5/min over 2 min allows one false alarm: a 4-beat threshold at or under 0.5 announces both changes.
    const loose = chooseAlarmThresholds([truth], [prediction], 0.5);
    expect(loose.thresholds).toEqual([null, null, 0.3, null, null]);
    expect(loose.events).toMatchObject({ boundaries: 2, announced: 2, falseAlarms: 1 });
    expect(loose.falseAlarmsPerMinute).toBeCloseTo(0.5, 12);
    // None allowed: the threshold must clear the false 0.6, and only the first change is announced.
    const strict = chooseAlarmThresholds([truth], [prediction], 0);
    expect(strict.thresholds).toEqual([null, null, 0.65, null, null]);
    expect(strict.events).toMatchObject({ announced: 1, falseAlarms: 0 });
  });

  it('prefers the horizon that announces without false alarms', () => {
    // A 16-beat hazard that rises only before the changes (0.7): as many announced, and no false alarm.
    const clean = { ...prediction, hazard: k.map((x, i) => [0, 0, p4(x, i), 0, x >= 1 && x <= 16 ? 0.7 : 0.1]) };
    const choice = chooseAlarmThresholds([truth], [clean], 0.5);
    expect(choice.thresholds).toEqual([null, null, null, null, 0.3]);
    expect(choice.events).toMatchObject({ announced: 2, falseAlarms: 0 });
  });

  it('refuses what it cannot choose on', () => {
    expect(() => chooseAlarmThresholds([], [])).toThrow(/at least one validation song/);
    expect(() => chooseAlarmThresholds([truth], [])).toThrow(/no song "song"/);
    expect(() => chooseAlarmThresholds([truth], [prediction], -1)).toThrow(/budget -1 is invalid/);
  });
});

describe('thresholds on the command line', () => {
  it('reads numbers and "off" per horizon and names a bad entry', () => {
    expect(parseThresholds('off,off,0.55,0.7,off')).toEqual([null, null, 0.55, 0.7, null]);
    expect(formatThresholds([null, null, 0.55, 0.7, null])).toBe('off,off,0.55,0.7,off');
    expect(() => parseThresholds('0.5,0.5')).toThrow(/2 alarm thresholds for 5 hazard horizons/);
    expect(() => parseThresholds('0.5,x,0.5,0.5,0.5')).toThrow(/"x" is not a number or "off"/);
    expect(() => parseThresholds('0.5,0.5,1.2,0.5,0.5')).toThrow(/1.2 for the 4-beat horizon is invalid/);
  });
});

describe('a run\'s alarm-thresholds.json', () => {
  it('round-trips the choice, and names a missing or malformed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-alarm-'));
    await expect(readAlarmThresholds(dir)).rejects.toThrow(/alarm-thresholds\.json does not exist: run "train:anticipator validate" first/);
    await writeAlarmChoice(dir, chooseAlarmThresholds([truth], [prediction], 0));
    expect(await readAlarmThresholds(dir)).toEqual([null, null, 0.65, null, null]);
    writeFileSync(join(dir, ALARM_FILE), '{"thresholds": [0.5,');
    await expect(readAlarmThresholds(dir)).rejects.toThrow(/alarm-thresholds\.json is not JSON/);
    writeFileSync(join(dir, ALARM_FILE), JSON.stringify({ thresholds: 'high' }));
    await expect(readAlarmThresholds(dir)).rejects.toThrow(/expected \{ "thresholds": \[5 numbers or nulls\] \}/);
    writeFileSync(join(dir, ALARM_FILE), JSON.stringify({ thresholds: [0.5, 0.5, 2, 0.5, 0.5] }));
    await expect(readAlarmThresholds(dir)).rejects.toThrow(/alarm threshold 2 for the 4-beat horizon is invalid/);
  });
});
