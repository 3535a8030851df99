import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonStore } from '../../src/store/json-store.js';

const numbers = (value: unknown): number[] => {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number')) throw new Error('expected a list of numbers');
  return value;
};

describe('JsonStore', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'json-store-'));
    path = join(dir, 'sub', 'values.json');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads nothing before the first write, then what was written; the previous copy is kept as .bak', async () => {
    const store = new JsonStore(path, numbers);
    expect(await store.read()).toEqual({ value: undefined });
    await store.write([1]);
    await store.write([1, 2]);
    expect(await store.read()).toEqual({ value: [1, 2] });
    expect(JSON.parse(readFileSync(`${path}.bak`, 'utf8'))).toEqual([1]);
  });

  it('is not disturbed by a temporary file left by a crash before the rename', async () => {
    const store = new JsonStore(path, numbers);
    await store.write([7]);
    writeFileSync(`${path}.12345.tmp`, '[8, 9');
    expect(await store.read()).toEqual({ value: [7] });
  });

  it('reports a corrupt file and falls back to the last good copy, or to nothing', async () => {
    const store = new JsonStore(path, numbers);
    await store.write([1]);
    await store.write([2]);
    writeFileSync(path, '[3,');
    const read = await store.read();
    expect(read.value).toEqual([1]);
    expect(read.fromBackup).toBe(true);
    expect(read.problem).toMatch(/values\.json is unreadable .*using the last good copy/);
    writeFileSync(`${path}.bak`, '"not a list"');
    expect(await store.read()).toMatchObject({ value: undefined, problem: expect.stringMatching(/unreadable/) as unknown });
  });

  it('runs writes one at a time, so writes started together all land and the last one wins', async () => {
    const store = new JsonStore(path, numbers);
    await Promise.all([store.write([1]), store.write([2]), store.write([3])]);
    expect(await store.read()).toEqual({ value: [3] });
    expect(JSON.parse(readFileSync(`${path}.bak`, 'utf8'))).toEqual([2]);
  });
});

