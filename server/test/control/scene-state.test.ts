import { describe, expect, it } from 'vitest';
import { BeatControlState } from '../../src/control/beat-controls.js';
import { CommandRefused } from '../../src/control/command-handler.js';
import { parseSceneSnapshot, SceneState, type SceneSnapshot } from '../../src/control/scene-state.js';
import { defaultScene, MAX_DISPLAYS } from '../../src/core/scene/scene.js';
import { RecordingLog } from '../support/recording-log.js';

describe('SceneState', () => {
  it('bumps rev on every change and tells every listener synchronously, a failing one included', () => {
    const log = new RecordingLog();
    const state = new SceneState({ rev: 7, scene: defaultScene() }, log);
    const seen: SceneSnapshot[] = [];
    state.subscribe(() => {
      throw new Error('socket gone');
    });
    const off = state.subscribe((s) => seen.push(s));
    state.apply({ type: 'scene', set: { palette: 'neon' } });
    state.replace({ ...defaultScene(), control_source: 'manual' });
    expect(seen.map((s) => [s.rev, s.scene.all.palette, s.scene.control_source])).toEqual([
      [8, 'neon', 'auto'],
      [9, 'ember', 'manual'],
    ]);
    expect(log.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['scene listener failed at rev 8: socket gone', 'scene listener failed at rev 9: socket gone']);
    off();
    state.apply({ type: 'scene_reset' });
    expect(seen).toHaveLength(2);
    expect(state.current.rev).toBe(10);
  });

  it('turns a refusal into CommandRefused and leaves the scene as it was', () => {
    const state = new SceneState({ rev: 0, scene: defaultScene() }, new RecordingLog());
    for (let i = 0; i < MAX_DISPLAYS; i++) state.apply({ type: 'scene', display: `d${i}`, set: { zoom: 2 } });
    const before = state.current;
    expect(() => {
      state.apply({ type: 'scene', display: 'extra', set: { zoom: 2 } });
    }).toThrow(CommandRefused);
    expect(state.current).toBe(before);
  });

  it('refuses to broadcast an invalid scene', () => {
    const state = new SceneState({ rev: 0, scene: defaultScene() }, new RecordingLog());
    expect(() => {
      state.replace({ ...defaultScene(), all: { ...defaultScene().all, zoom: 99 } });
    }).toThrow();
    expect(state.current.rev).toBe(0);
  });

  it('reads a stored snapshot, naming what is wrong with a bad one', () => {
    expect(parseSceneSnapshot({ rev: 3, scene: defaultScene() })).toEqual({ rev: 3, scene: defaultScene() });
    expect(() => parseSceneSnapshot({ rev: -1, scene: defaultScene() })).toThrow('rev -1 is not a whole number >= 0');
    expect(() => parseSceneSnapshot({ rev: 1, scene: { ...defaultScene(), control_source: 'x' } })).toThrow(/scene is invalid at control_source/);
    expect(() => parseSceneSnapshot('scene')).toThrow('expected an object { rev, scene }');
  });
});

describe('BeatControlState', () => {
  it('follows lock and meter commands and reports only changes', () => {
    const controls = new BeatControlState();
    const seen: unknown[] = [];
    controls.subscribe((c) => seen.push(c));
    controls.record({ type: 'tap' });
    controls.record({ type: 'lock', on: true });
    controls.record({ type: 'lock', on: true });
    controls.record({ type: 'meter', beatsPerBar: 3 });
    controls.record({ type: 'meter', beatsPerBar: undefined });
    expect(seen).toEqual([
      { locked: true, meter: null },
      { locked: true, meter: 3 },
      { locked: true, meter: null },
    ]);
  });
});
