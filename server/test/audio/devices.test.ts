import { describe, expect, it } from 'vitest';
import { resolveInputDevice, type InputDevice } from '../../src/audio/devices.js';
import { checkChannel, toMono } from '../../src/audio/channel-mix.js';

const DEVICES: InputDevice[] = [
  { index: 0, id: 'a1', label: 'Built-in Microphone' },
  { index: 1, id: 'b2', label: 'Focusrite Scarlett 2i2' },
  { index: 2, id: 'c3', label: 'Focusrite Scarlett 18i20' },
  { index: 3, id: 'd4', label: 'Scarlett' },
];

describe('resolveInputDevice', () => {
  it('gives undefined (the system default) for no spec', () => {
    expect(resolveInputDevice(undefined, DEVICES)).toBeUndefined();
  });

  it('selects by index, as a number or as digits', () => {
    expect(resolveInputDevice(1, DEVICES)?.id).toBe('b2');
    expect(resolveInputDevice('2', DEVICES)?.id).toBe('c3');
    expect(resolveInputDevice(' 0 ', DEVICES)?.id).toBe('a1');
  });

  it('selects by a case-insensitive part of the label', () => {
    expect(resolveInputDevice('microphone', DEVICES)?.id).toBe('a1');
    expect(resolveInputDevice('2I2', DEVICES)?.id).toBe('b2');
  });

  it('prefers an exact label over partial matches', () => {
    expect(resolveInputDevice('scarlett', DEVICES)?.id).toBe('d4');
  });

  it('refuses an ambiguous name, listing the candidates', () => {
    expect(() => resolveInputDevice('focusrite', DEVICES)).toThrow(
      'input device "focusrite" matches 2 devices (1: "Focusrite Scarlett 2i2", 2: "Focusrite Scarlett 18i20"): give more of the name or the index',
    );
  });

  it('names the spec and lists the devices when nothing matches', () => {
    expect(() => resolveInputDevice('motu', DEVICES)).toThrow(
      'input device "motu" not found: available capture devices: 0: "Built-in Microphone", 1: "Focusrite Scarlett 2i2", 2: "Focusrite Scarlett 18i20", 3: "Scarlett"',
    );
    expect(() => resolveInputDevice(7, DEVICES)).toThrow('input device 7 not found: available capture devices: 0: "Built-in Microphone"');
    expect(() => resolveInputDevice(1.5, DEVICES)).toThrow('input device 1.5 not found');
    expect(() => resolveInputDevice('0', [])).toThrow('input device 0 not found: no capture devices are available');
    expect(() => resolveInputDevice('  ', DEVICES)).toThrow('input device "" is empty');
  });
});

describe('channel selection', () => {
  const left = Float32Array.from([1, 0.5, -1]);
  const right = Float32Array.from([0, 0.5, 1]);

  it('mixes all channels to their mean', () => {
    const mono = toMono([left, right], 'mix');
    expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
  });

  it('copies a selected channel', () => {
    const mono = toMono([left, right], 1);
    expect(Array.from(mono)).toEqual([0, 0.5, 1]);
    expect(mono).not.toBe(right);
  });

  it('accepts mix or an index below the channel count, and names a bad one', () => {
    expect(() => {
      checkChannel('mix', 2, 'x');
    }).not.toThrow();
    expect(() => {
      checkChannel(1, 2, 'x');
    }).not.toThrow();
    expect(() => {
      checkChannel(2, 2, 'the capture device');
    }).toThrow(
      "channel 2 is out of range for the capture device, which has 2 channels: use 'mix' or 0..1",
    );
    expect(() => {
      checkChannel(-1, 1, 'file a.wav');
    }).toThrow("channel -1 is out of range for file a.wav, which has 1 channel: use 'mix' or 0");
    expect(() => {
      checkChannel(0.5, 2, 'x');
    }).toThrow('channel 0.5 is out of range');
  });
});
