import { describe, expect, it } from 'vitest';
import { applySceneCommand, parseSceneCommand, SceneCommandRefused } from '../../src/core/scene/scene-commands.js';
import { defaultScene, MAX_DISPLAYS, resolveDisplay, type Scene } from '../../src/core/scene/scene.js';

const apply = (scene: Scene, command: unknown): Scene => applySceneCommand(scene, parseSceneCommand(command));

describe('parseSceneCommand', () => {
  it('accepts the three command types and drops unset fields', () => {
    expect(parseSceneCommand({ type: 'scene', set: { palette: 'neon', zoom: 2, strobe: true } })).toEqual({ type: 'scene', set: { palette: 'neon', zoom: 2, strobe: true } });
    expect(parseSceneCommand({ type: 'scene', display: 'left', set: { latency_ms: 40, look: null } })).toEqual({ type: 'scene', display: 'left', set: { latency_ms: 40, look: null } });
    expect(parseSceneCommand({ type: 'scene_reset', display: null })).toEqual({ type: 'scene_reset' });
    expect(parseSceneCommand({ type: 'control_source', value: 'manual' })).toEqual({ type: 'control_source', value: 'manual' });
  });

  it('names the field, the value and what is allowed', () => {
    const cases: [unknown, string][] = [
      [{ type: 'scene', set: { zoom: 9 } }, 'scene.set.zoom 9 is not allowed; expected a number from 0.25 to 4'],
      [{ type: 'scene', set: { palette: 'sepia' } }, 'scene.set.palette "sepia" is not allowed; expected one of ember, ocean, neon, aurora, mono'],
      [{ type: 'scene', display: 'left', set: { intensity: 2 } }, 'scene.set.intensity 2 is not allowed; expected a number from 0 to 1, or null to follow all'],
      [{ type: 'scene', set: { blackout: 'yes' } }, 'scene.set.blackout "yes" is not allowed; expected true or false'],
      [{ type: 'scene', set: { sparkle: 1 } }, 'scene.set: unknown field "sparkle"; allowed fields: look, palette, intensity, zoom, speed, strobe, blackout, freeze, latency_ms, offset_ms'],
      [{ type: 'scene', set: {} }, 'scene.set is empty; give at least one of look, palette, intensity, zoom, speed, strobe, blackout, freeze, latency_ms, offset_ms'],
      [{ type: 'scene', set: 'neon' }, 'scene.set must be an object, got "neon"'],
      [{ type: 'scene', set: { latency_ms: 40 } }, 'scene.set.latency_ms needs a display: projector lag and offset are set per display'],
      [{ type: 'scene', set: { look: null } }, 'scene.set.look null is only allowed with a display (it removes that display\'s override); expected one of auto, calm, bloom, dust, storm'],
      [{ type: 'scene', display: 'a/b', set: { zoom: 1 } }, 'scene.display "a/b" is not allowed; expected 1 to 64 characters from A-Z a-z 0-9 space _ . - (omit it for all displays)'],
      [{ type: 'scene', set: { zoom: 1 }, extra: 1 }, 'scene: unknown field "extra"; allowed fields: type, display, set'],
      [{ type: 'control_source', value: 'model' }, 'control_source.value "model" is not allowed; expected auto or manual'],
      [{ type: 'look' }, 'scene command type "look" is unknown; expected scene, scene_reset, control_source'],
      [null, 'scene command must be an object, got null'],
    ];
    for (const [command, message] of cases) expect(() => parseSceneCommand(command), JSON.stringify(command)).toThrow(message);
  });
});

describe('applySceneCommand', () => {
  it('changes the all layer without touching the input', () => {
    const before = defaultScene();
    const after = apply(before, { type: 'scene', set: { palette: 'neon', intensity: 0.5 } });
    expect(after.all).toMatchObject({ palette: 'neon', look: 'auto' });
    expect(after.all.intensity).toBeCloseTo(0.5, 12);
    expect(before.all.palette).toBe('ember');
  });

  it('overrides per display, null follows all again, and an empty override disappears', () => {
    let scene = apply(defaultScene(), { type: 'scene', display: 'left', set: { palette: 'ocean', latency_ms: 40 } });
    expect(resolveDisplay(scene, 'left')).toMatchObject({ palette: 'ocean', latency_ms: 40 });
    expect(resolveDisplay(scene, 'right').palette).toBe('ember');
    scene = apply(scene, { type: 'scene', display: 'left', set: { palette: null } });
    expect(scene.displays).toEqual({ left: { latency_ms: 40 } });
    scene = apply(scene, { type: 'scene', display: 'left', set: { latency_ms: null } });
    expect(scene.displays).toEqual({});
  });

  it('a reset brings back the default look but keeps each projector\'s lag and offset', () => {
    let scene = apply(defaultScene(), { type: 'scene', set: { look: 'storm', blackout: true } });
    scene = apply(scene, { type: 'scene', display: 'left', set: { zoom: 3, offset_ms: -20 } });
    scene = apply(scene, { type: 'scene', display: 'right', set: { freeze: true } });
    const one = apply(scene, { type: 'scene_reset', display: 'left' });
    expect(one.displays).toEqual({ left: { offset_ms: -20 }, right: { freeze: true } });
    expect(one.all.look).toBe('storm');
    const all = apply(scene, { type: 'scene_reset' });
    expect(all.all).toEqual(defaultScene().all);
    expect(all.displays).toEqual({ left: { offset_ms: -20 } });
    expect(apply(scene, { type: 'scene_reset', display: 'nobody' })).toBe(scene);
  });

  it('sets the control source', () => {
    expect(apply(defaultScene(), { type: 'control_source', value: 'manual' }).control_source).toBe('manual');
  });

  it('refuses a display past the limit, and keeps odd names as plain keys', () => {
    let scene = defaultScene();
    for (let i = 0; i < MAX_DISPLAYS; i++) scene = apply(scene, { type: 'scene', display: `d${i}`, set: { zoom: 2 } });
    expect(() => apply(scene, { type: 'scene', display: 'one more', set: { zoom: 2 } })).toThrow(SceneCommandRefused);
    expect(() => apply(scene, { type: 'scene', display: 'one more', set: { zoom: 2 } })).toThrow(/at most 32 displays/);
    // An existing display can still change.
    expect(apply(scene, { type: 'scene', display: 'd0', set: { zoom: 3 } }).displays.d0).toEqual({ zoom: 3 });
    const proto = apply(defaultScene(), { type: 'scene', display: '__proto__', set: { zoom: 2 } });
    expect(Object.getPrototypeOf(proto.displays)).toBe(Object.prototype);
    expect(Object.keys(proto.displays)).toEqual(['__proto__']);
    const ctor = apply(defaultScene(), { type: 'scene', display: 'constructor', set: { zoom: 2 } });
    expect(ctor.displays).toEqual({ constructor: { zoom: 2 } });
  });
});
