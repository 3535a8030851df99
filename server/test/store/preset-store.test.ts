import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultScene, type Scene } from '../../src/core/scene/scene.js';
import { MAX_PRESETS, PresetConflictError, PresetInvalidError, PresetStore, UnknownPresetError } from '../../src/store/preset-store.js';
import { RecordingLog } from '../support/recording-log.js';

const scene = (palette: Scene['all']['palette']): Scene => ({ ...defaultScene(), all: { ...defaultScene().all, palette } });
const clock = (): (() => Date) => {
  let s = 0;
  return () => new Date(Date.UTC(2026, 10, 21, 20, 0, s++));
};

describe('PresetStore', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'presets-'));
    path = join(dir, 'presets.json');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves, lists, renames and deletes, each change on disk before it is answered', async () => {
    const store = await PresetStore.open(path, new RecordingLog(), clock());
    expect(store.list()).toEqual([]);
    expect(await store.save('  Intro ', scene('ocean'))).toMatchObject({ created: true, preset: { name: 'Intro', saved_at: '2026-11-21T20:00:00.000Z' } });
    await store.save('Drop', scene('neon'));
    expect((await store.save('Intro', scene('mono'))).created).toBe(false);
    expect(store.list().map((p) => [p.name, p.scene.all.palette])).toEqual([['Intro', 'mono'], ['Drop', 'neon']]);
    await store.rename('Drop', 'Big drop');
    await store.remove('Intro');
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as { format: string; presets: { name: string }[] };
    expect(onDisk.format).toBe('fractalsync-presets');
    expect(onDisk.presets.map((p) => p.name)).toEqual(['Big drop']);
    const again = await PresetStore.open(path, new RecordingLog());
    expect(again.get('Big drop').scene.all.palette).toBe('neon');
    expect(again.problem).toBeUndefined();
  });

  it('names what is wrong: unknown names, clashes, bad names, too many', async () => {
    const store = await PresetStore.open(path, new RecordingLog());
    await store.save('A', scene('ember'));
    await store.save('B', scene('ember'));
    await expect(store.rename('A', 'B')).rejects.toThrow(PresetConflictError);
    await expect(store.rename('A', 'B')).rejects.toThrow('a preset named "B" already exists; delete or rename it first');
    await expect(store.remove('C')).rejects.toThrow(UnknownPresetError);
    expect(() => store.get('C')).toThrow('no preset named "C"');
    for (const bad of ['', '   ', 'a/b', 'x'.repeat(49), 'tab\there', 7]) await expect(store.save(bad, scene('ember'))).rejects.toThrow(PresetInvalidError);
    await expect(store.save('a/b', scene('ember'))).rejects.toThrow('preset name "a/b" is not allowed; expected 1 to 48 characters, no control characters or slashes, not only spaces');
    for (let i = store.list().length; i < MAX_PRESETS; i++) await store.save(`p${i}`, scene('ember'));
    await expect(store.save('one too many', scene('ember'))).rejects.toThrow(`already ${MAX_PRESETS} presets; delete one before saving "one too many"`);
  });

  it('exports and imports: merge replaces same names, replace makes the list; bad files change nothing', async () => {
    const store = await PresetStore.open(path, new RecordingLog());
    await store.save('A', scene('ocean'));
    await store.save('B', scene('neon'));
    const exported = store.exportAll();
    const other = await PresetStore.open(join(dir, 'other.json'), new RecordingLog());
    await other.save('B', scene('mono'));
    await other.save('C', scene('aurora'));
    expect(await other.import(exported, 'merge')).toEqual({ imported: 2, total: 3 });
    expect(other.list().map((p) => [p.name, p.scene.all.palette])).toEqual([['C', 'aurora'], ['A', 'ocean'], ['B', 'neon']]);
    expect(await other.import({ ...exported, presets: exported.presets.slice(0, 1) }, 'replace')).toEqual({ imported: 1, total: 1 });
    const bad: [unknown, RegExp][] = [
      [{ presets: [] }, /not a preset file: format: .*expected \{ "format": "fractalsync-presets"/],
      [{ ...exported, presets: [{ name: 'X', scene: { all: {} }, saved_at: exported.presets[0]?.saved_at }] }, /preset 0: scene\.all\./],
      [{ ...exported, presets: [exported.presets[0], exported.presets[0]] }, /the name "A" appears twice/],
      [{ ...exported, presets: Array.from({ length: MAX_PRESETS + 1 }, (_, i) => ({ ...exported.presets[0], name: `n${i}` })) }, /not a preset file: presets/],
    ];
    for (const [file, message] of bad) await expect(other.import(file, 'merge')).rejects.toThrow(message);
    expect(other.list().map((p) => p.name)).toEqual(['A']);
  });

  it('a corrupt file is reported, the last good copy used, and the next save keeps the corrupt one aside', async () => {
    const log = new RecordingLog();
    const store = await PresetStore.open(path, log);
    await store.save('kept', scene('ocean'));
    await store.save('newer', scene('neon'));
    writeFileSync(path, '{"format": "fractalsync-presets", "v": 1, "presets": [');
    const reopened = await PresetStore.open(path, log);
    expect(reopened.list().map((p) => p.name)).toEqual(['kept']);
    expect(reopened.problem).toMatch(/presets\.json is unreadable .*using the last good copy/);
    expect(log.lines.some((l) => l.level === 'warn' && l.msg.startsWith('presets: '))).toBe(true);
    await reopened.save('after', scene('mono'));
    expect(reopened.problem).toBeUndefined();
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toContain('"presets": [');
    // The backup is still the last good copy, not the corrupt file.
    expect((JSON.parse(readFileSync(`${path}.bak`, 'utf8')) as { presets: { name: string }[] }).presets.map((p) => p.name)).toEqual(['kept']);
    expect(existsSync(`${path}.bak.tmp`)).toBe(false);
  });
});
