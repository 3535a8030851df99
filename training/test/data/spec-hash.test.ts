import { describe, expect, it } from 'vitest';
import { canonicalJson, specHash } from '../../src/data/spec-hash.js';

describe('specHash', () => {
  it('ignores key order and undefined fields, and sees every value', () => {
    expect(specHash({ a: 1, b: [1, { c: 'x', d: undefined }] })).toBe(specHash({ b: [1, { c: 'x' }], a: 1 }));
    expect(specHash({ a: 1, b: 2 })).not.toBe(specHash({ a: 1, b: 3 }));
    expect(specHash({ tempo: [{ time: 0, bpm: 120 }] })).not.toBe(specHash({ tempo: [{ time: 0, bpm: 120.0001 }] }));
    expect(canonicalJson({ z: [true, null, 'q'], a: { y: 2, x: 1 } })).toBe('{"a":{"x":1,"y":2},"z":[true,null,"q"]}');
  });

  it('refuses values that are not JSON data', () => {
    expect(() => specHash({ a: Infinity })).toThrow(/non-finite number Infinity/);
    expect(() => specHash({ f: () => 1 })).toThrow(/type function/);
  });
});
