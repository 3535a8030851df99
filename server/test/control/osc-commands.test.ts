import osc from 'osc';
import { describe, expect, it } from 'vitest';
import { OSC_COMMANDS, oscToCommand, type OscArgument } from '../../src/control/osc-commands.js';
import { decodeOscPacket } from '../../src/control/osc-packet.js';

const f = (value: number): OscArgument => ({ type: 'f', value });
const i = (value: number): OscArgument => ({ type: 'i', value });
const s = (value: string): OscArgument => ({ type: 's', value });
const map = (address: string, ...args: OscArgument[]): ReturnType<typeof oscToCommand> => oscToCommand({ address, args });

describe('oscToCommand', () => {
  it('maps the MIDI transport triggers, ignoring the button release', () => {
    expect(map('/fs/cmd/midi/stop')).toEqual({ type: 'transport', action: 'stop' });
    expect(map('/fs/cmd/midi/start', { type: 'i', value: 1 })).toEqual({ type: 'transport', action: 'start' });
    expect(map('/fs/cmd/midi/continue', { type: 'i', value: 0 })).toBeNull();
  });

  it('maps each trigger with no argument, N, I or a non-zero number; 0 is a release and maps to null', () => {
    for (const type of ['tap', 'downbeat', 'double', 'half'] as const) {
      const address = `/fs/cmd/${type}`;
      expect(map(address)).toEqual({ type });
      expect(map(address, { type: 'N', value: null })).toEqual({ type });
      expect(map(address, { type: 'I', value: 1 })).toEqual({ type });
      expect(map(address, f(1))).toEqual({ type });
      expect(map(address, i(1))).toEqual({ type });
      expect(map(address, f(0))).toBeNull();
      expect(map(address, i(0))).toBeNull();
    }
  });

  it('maps nudge from a float or an int, keeping the value', () => {
    const fromFloat = map('/fs/cmd/nudge', f(-20.5));
    expect(fromFloat?.type).toBe('nudge');
    expect(fromFloat?.type === 'nudge' ? fromFloat.ms : NaN).toBeCloseTo(-20.5, 9);
    expect(map('/fs/cmd/nudge', i(15))).toEqual({ type: 'nudge', ms: 15 });
    expect(map('/fs/cmd/nudge', { type: 'd', value: 3 })).toEqual({ type: 'nudge', ms: 3 });
  });

  it('maps lock 1/0 from int or float', () => {
    expect(map('/fs/cmd/lock', i(1))).toEqual({ type: 'lock', on: true });
    expect(map('/fs/cmd/lock', i(0))).toEqual({ type: 'lock', on: false });
    expect(map('/fs/cmd/lock', f(1))).toEqual({ type: 'lock', on: true });
    expect(map('/fs/cmd/lock', f(0))).toEqual({ type: 'lock', on: false });
  });

  it('maps meter beats from int or integral float, 0 meaning automatic', () => {
    expect(map('/fs/cmd/meter', i(3))).toEqual({ type: 'meter', beatsPerBar: 3 });
    expect(map('/fs/cmd/meter', f(7))).toEqual({ type: 'meter', beatsPerBar: 7 });
    expect(map('/fs/cmd/meter', i(0))).toEqual({ type: 'meter', beatsPerBar: undefined });
    // Range (2, 3, 4, 5, 7) is the handler's job through parseBeatCommand; the mapping passes the integer on.
    expect(map('/fs/cmd/meter', i(6))).toEqual({ type: 'meter', beatsPerBar: 6 });
  });

  it('names an unknown address and lists the known ones', () => {
    expect(() => map('/fs/cmd/explode', i(1))).toThrow('OSC address "/fs/cmd/explode" is unknown; expected one of /fs/cmd/tap, /fs/cmd/nudge');
    expect(() => map('/fs/beat')).toThrow(/"\/fs\/beat" is unknown/);
  });

  it.each([
    ['/fs/cmd/nudge', [], 'expects one number: milliseconds from -500 to 500; got no arguments'],
    ['/fs/cmd/nudge', [s('x')], 'got s "x"'],
    ['/fs/cmd/nudge', [f(1), f(2)], 'got f 1, f 2'],
    ['/fs/cmd/nudge', [f(Number.NaN)], 'got f NaN'],
    ['/fs/cmd/nudge', [f(Number.POSITIVE_INFINITY)], 'got f Infinity'],
    ['/fs/cmd/lock', [i(2)], '/fs/cmd/lock expects one number: 1 locks the tempo, 0 unlocks; got i 2'],
    ['/fs/cmd/lock', [f(0.5)], 'got f 0.5'],
    ['/fs/cmd/lock', [], 'got no arguments'],
    ['/fs/cmd/lock', [s('on')], 'got s "on"'],
    ['/fs/cmd/meter', [f(3.5)], '/fs/cmd/meter expects one integer: beats per bar (2, 3, 4, 5 or 7), 0 for automatic; got f 3.5'],
    ['/fs/cmd/meter', [s('4')], 'got s "4"'],
    ['/fs/cmd/meter', [], 'got no arguments'],
    ['/fs/cmd/tap', [s('go')], '/fs/cmd/tap expects no arguments, one N or I, or one number'],
    ['/fs/cmd/tap', [i(1), i(1)], 'got i 1, i 1'],
    ['/fs/cmd/half', [f(Number.NaN)], 'got f NaN'],
    ['/fs/cmd/double', [{ type: 'T', value: true }], 'got T true'],
  ] as [string, OscArgument[], string][])('rejects %s with %j, naming expected and received', (address, args, message) => {
    expect(() => oscToCommand({ address, args })).toThrow(message);
  });

  it('lists every command address with its type tag for OSCQuery', () => {
    expect(OSC_COMMANDS.map((c) => `${c.address} ${c.typeTag}`)).toEqual([
      '/fs/cmd/tap N', '/fs/cmd/nudge f', '/fs/cmd/downbeat N', '/fs/cmd/lock i', '/fs/cmd/double N', '/fs/cmd/half N', '/fs/cmd/meter i',
      '/fs/cmd/look s', '/fs/cmd/palette s', '/fs/cmd/intensity f', '/fs/cmd/zoom f', '/fs/cmd/speed f', '/fs/cmd/strobe i', '/fs/cmd/blackout i',
      '/fs/cmd/freeze i', '/fs/cmd/control_source s', '/fs/cmd/scene_reset N', '/fs/cmd/midi/start N', '/fs/cmd/midi/stop N', '/fs/cmd/midi/continue N',
    ]);
  });
});

describe('decodeOscPacket', () => {
  const write = (packet: Parameters<typeof osc.writePacket>[0]): Uint8Array => osc.writePacket(packet, { metadata: true });

  it('decodes a message and a bundle (nested bundles flattened, in order)', () => {
    expect(decodeOscPacket(write({ address: '/fs/cmd/lock', args: [{ type: 'i', value: 1 }] }))).toEqual([{ address: '/fs/cmd/lock', args: [{ type: 'i', value: 1 }] }]);
    const bundle = write({ timeTag: { raw: [0, 1] }, packets: [{ address: '/fs/cmd/tap', args: [] }, { address: '/fs/cmd/meter', args: [{ type: 'i', value: 3 }] }] });
    expect(decodeOscPacket(bundle).map((m) => m.address)).toEqual(['/fs/cmd/tap', '/fs/cmd/meter']);
  });

  it('rejects oversize, garbage and truncated packets with a reason', () => {
    expect(() => decodeOscPacket(new Uint8Array(5000))).toThrow('OSC packet of 5000 bytes is over the 4096-byte limit');
    expect(() => decodeOscPacket(new Uint8Array([1, 2, 3]))).toThrow(/^malformed OSC packet: .*header/);
    const nudge = write({ address: '/fs/cmd/nudge', args: [{ type: 'f', value: -20 }] });
    expect(() => decodeOscPacket(nudge.subarray(0, nudge.length - 2))).toThrow(/^malformed OSC packet/);
    expect(() => decodeOscPacket(new Uint8Array(0))).toThrow(/^malformed OSC packet/);
  });
});
