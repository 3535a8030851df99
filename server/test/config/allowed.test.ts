import { describe, expect, it } from 'vitest';
import { coerceText, describeAllowed } from '../../src/config/allowed.js';

// Synthetic schema nodes: keys added later (numbers, lists, patterns) must read as well as today's.
describe('describeAllowed', () => {
  it('describes bounds, one-sided bounds and no bounds', () => {
    expect(describeAllowed({ type: 'integer', minimum: 0, maximum: 10 })).toBe('an integer from 0 to 10');
    expect(describeAllowed({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })).toBe('an integer >= 0');
    expect(describeAllowed({ type: 'number', exclusiveMinimum: 0, maximum: 0.5 })).toBe('a number > 0 and <= 0.5');
    expect(describeAllowed({ type: 'number' })).toBe('a number');
  });

  it('describes choices, constants and unions', () => {
    expect(describeAllowed({ type: 'string', enum: ['a', 'b'] })).toBe('one of a, b');
    expect(describeAllowed({ anyOf: [{ const: 'mix' }, { type: 'integer', minimum: 0 }, { type: 'boolean' }] })).toBe(
      '"mix", an integer >= 0 or true or false',
    );
  });

  it('describes strings, lists and mappings', () => {
    expect(describeAllowed({ type: 'string' })).toBe('a string');
    expect(describeAllowed({ type: 'string', minLength: 1 })).toBe('a non-empty string');
    expect(describeAllowed({ type: 'string', pattern: '^[a-z]+$' })).toBe('a string matching /^[a-z]+$/');
    expect(describeAllowed({ type: 'string', pattern: '^x', patternErrorMessage: 'x followed by anything' })).toBe('x followed by anything');
    expect(describeAllowed({ type: 'array', items: { type: 'string' } })).toBe('a list');
    expect(describeAllowed({ type: 'object' })).toBe('a mapping');
  });
});

describe('coerceText', () => {
  it('turns numbers and booleans into the type the key takes', () => {
    expect(coerceText({ type: 'integer' }, '9000')).toBe(9000);
    expect(coerceText({ type: 'integer' }, '2.5')).toBe(2.5); // then refused as "2.5 is not allowed; expected an integer"
    expect(coerceText({ type: 'number' }, '-1.5e-3')).toBeCloseTo(-0.0015, 12);
    expect(coerceText({ type: 'boolean' }, 'true')).toBe(true);
    expect(coerceText({ type: 'boolean' }, 'false')).toBe(false);
  });

  it('leaves text as text where the key takes text, or where it reads as no allowed type', () => {
    expect(coerceText({ type: 'string' }, '9000')).toBe('9000');
    expect(coerceText({ type: 'boolean' }, 'TRUE')).toBe('TRUE');
    expect(coerceText({ type: 'integer' }, '')).toBe('');
    // A key taking a name or an index: whole numbers are indices, anything else a name.
    const nameOrIndex = { anyOf: [{ type: 'string' as const }, { type: 'integer' as const }] };
    expect(coerceText(nameOrIndex, '3')).toBe(3);
    expect(coerceText(nameOrIndex, '2.5')).toBe('2.5');
  });

  it('parses lists and mappings written as YAML or JSON', () => {
    expect(coerceText({ type: 'array' }, '[a, 2]')).toStrictEqual(['a', 2]);
    expect(coerceText({ type: 'object' }, '{"port": 1}')).toStrictEqual({ port: 1 });
    expect(coerceText({ type: 'array' }, '[unclosed')).toBe('[unclosed');
  });
});
