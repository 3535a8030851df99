import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonStore } from '../../src/store/json-store.js';
import { LatestWriter } from '../../src/store/latest-writer.js';
import { RecordingLog } from '../support/recording-log.js';

const asNumber = (v: unknown): number => {
  if (typeof v !== 'number') throw new Error('expected a number');
  return v;
};

describe('LatestWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latest-writer-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends on the newest value and skips the ones overtaken while a write was running', async () => {
    const store = new JsonStore(join(dir, 'v.json'), asNumber);
    let writes = 0;
    const write = store.write.bind(store);
    store.write = (value: number) => {
      writes++;
      return write(value);
    };
    const writer = new LatestWriter(store, 'the value', new RecordingLog());
    for (let i = 1; i <= 50; i++) writer.save(i);
    await writer.flush();
    expect(JSON.parse(readFileSync(join(dir, 'v.json'), 'utf8'))).toBe(50);
    // The first write starts at once; the 49 values saved meanwhile collapse into one.
    expect(writes).toBe(2);
  });

  it('reports a failing write once, keeps the problem until a write succeeds, and never throws', async () => {
    // A file where the folder should be makes every write fail.
    writeFileSync(join(dir, 'blocked'), 'x');
    const log = new RecordingLog();
    const writer = new LatestWriter(new JsonStore(join(dir, 'blocked', 'v.json'), asNumber), 'the value', log);
    writer.save(1);
    await writer.flush();
    writer.save(2);
    await writer.flush();
    expect(writer.problem).toMatch(/^cannot save the value to .*blocked\/v\.json: /);
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    rmSync(join(dir, 'blocked'));
    mkdirSync(join(dir, 'blocked'));
    writer.save(3);
    await writer.flush();
    expect(writer.problem).toBeUndefined();
    expect(log.lines.at(-1)).toEqual({ level: 'info', msg: `the value: saved again to ${join(dir, 'blocked', 'v.json')}` });
  });
});
