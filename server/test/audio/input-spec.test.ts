import { describe, expect, it } from 'vitest';
import { formatInputSpec, parseInputSpec } from '../../src/audio/input-spec.js';

describe('parseInputSpec', () => {
  it('parses the plain forms', () => {
    expect(parseInputSpec('auto')).toEqual({ kind: 'auto' });
    expect(parseInputSpec('demo')).toEqual({ kind: 'demo' });
    expect(parseInputSpec(' live ')).toEqual({ kind: 'live' });
  });

  it('reads a live device as an index when it is all digits, else as a name', () => {
    expect(parseInputSpec('live:2')).toEqual({ kind: 'live', device: 2 });
    expect(parseInputSpec('live:Scarlett 2i2')).toEqual({ kind: 'live', device: 'Scarlett 2i2' });
    expect(parseInputSpec('live:2i2')).toEqual({ kind: 'live', device: '2i2' });
  });

  it('keeps a file path as given, colons and spaces included', () => {
    expect(parseInputSpec('file:/music/my set: part 1.flac')).toEqual({ kind: 'file', path: '/music/my set: part 1.flac' });
    expect(parseInputSpec('file:relative.wav')).toEqual({ kind: 'file', path: 'relative.wav' });
  });

  it('names a bad spec and lists the allowed forms', () => {
    const forms = 'expected auto, demo, live, live:DEVICE (a device index or part of its name) or file:PATH';
    expect(() => parseInputSpec('mic')).toThrow(`invalid input "mic": ${forms}`);
    expect(() => parseInputSpec('')).toThrow(`invalid input "": ${forms}`);
    expect(() => parseInputSpec('AUTO')).toThrow('invalid input "AUTO"');
    expect(() => parseInputSpec('live:')).toThrow('invalid input "live:": live: needs a device index or name after the colon');
    expect(() => parseInputSpec('file: ')).toThrow('invalid input "file: ": file: needs a path after the colon');
  });

  it('formats back to the same text', () => {
    for (const text of ['auto', 'demo', 'live', 'live:3', 'live:focusrite', 'file:/a b.wav']) expect(formatInputSpec(parseInputSpec(text))).toBe(text);
  });
});
