import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/control/command-handler.js';
import { oscToCommand, type OscArgument } from '../../src/control/osc-commands.js';
import type { SceneCommand } from '../../src/core/scene/scene-commands.js';
import { RecordingLog } from '../support/recording-log.js';

const f = (value: number): OscArgument => ({ type: 'f', value });
const i = (value: number): OscArgument => ({ type: 'i', value });
const s = (value: string): OscArgument => ({ type: 's', value });
const map = (address: string, ...args: OscArgument[]): ReturnType<typeof oscToCommand> => oscToCommand({ address, args });

describe('OSC scene controls', () => {
  it('maps looks and palettes by name or index, levels, toggles, the control source and reset', () => {
    expect(map('/fs/cmd/look', s('storm'))).toEqual({ type: 'scene', set: { look: 'storm' } });
    expect(map('/fs/cmd/look', i(1))).toEqual({ type: 'scene', set: { look: 'calm' } });
    expect(map('/fs/cmd/palette', f(2))).toEqual({ type: 'scene', set: { palette: 'neon' } });
    expect(map('/fs/cmd/intensity', f(0.25))).toEqual({ type: 'scene', set: { intensity: 0.25 } });
    expect(map('/fs/cmd/zoom', i(2))).toEqual({ type: 'scene', set: { zoom: 2 } });
    expect(map('/fs/cmd/blackout', i(1))).toEqual({ type: 'scene', set: { blackout: true } });
    expect(map('/fs/cmd/freeze', f(0))).toEqual({ type: 'scene', set: { freeze: false } });
    expect(map('/fs/cmd/control_source', s('manual'))).toEqual({ type: 'control_source', value: 'manual' });
    expect(map('/fs/cmd/scene_reset')).toEqual({ type: 'scene_reset' });
    expect(map('/fs/cmd/scene_reset', f(0))).toBeNull();
  });

  it('refuses wrong argument types, naming the address and what it expects', () => {
    expect(() => map('/fs/cmd/look', f(1.5))).toThrow('OSC /fs/cmd/look expects one string (auto, calm, bloom, dust, storm) or its index from 0 to 4; got f 1.5');
    expect(() => map('/fs/cmd/look', i(9))).toThrow(/\/fs\/cmd\/look expects/);
    expect(() => map('/fs/cmd/strobe', i(2))).toThrow('OSC /fs/cmd/strobe expects one number: 1 on, 0 off; got i 2');
    expect(() => map('/fs/cmd/zoom', s('big'))).toThrow('OSC /fs/cmd/zoom expects one number from 0.25 to 4; got s "big"');
    expect(() => map('/fs/cmd/control_source')).toThrow('OSC /fs/cmd/control_source expects one string: auto or manual; got no arguments');
  });

  it('leaves value checks to the one command handler, whose errors name the limit', () => {
    const scenes: SceneCommand[] = [];
    const handler = createCommandHandler({ beat: () => undefined, scene: (c) => scenes.push(c) }, new RecordingLog());
    expect(handler.handle(map('/fs/cmd/zoom', f(9)), 'osc 10.0.0.1')).toEqual({ ok: false, error: 'scene.set.zoom 9 is not allowed; expected a number from 0.25 to 4' });
    expect(handler.handle(map('/fs/cmd/palette', s('sepia')), 'osc 10.0.0.1')).toMatchObject({ ok: false, error: expect.stringMatching(/palette "sepia" is not allowed/) as unknown });
    expect(handler.handle(map('/fs/cmd/control_source', s('model')), 'osc 10.0.0.1')).toMatchObject({ ok: false });
    expect(handler.handle(map('/fs/cmd/speed', f(2)), 'osc 10.0.0.1')).toEqual({ ok: true });
    expect(scenes).toEqual([{ type: 'scene', set: { speed: 2 } }]);
  });
});
