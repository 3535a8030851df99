import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/config/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('port', 'port')).toBe(0);
    expect(editDistance('prot', 'port')).toBe(1);
    expect(editDistance('por', 'port')).toBe(1);
    expect(editDistance('portt', 'port')).toBe(1);
    expect(editDistance('pert', 'port')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestMatch', () => {
  it('finds the nearest candidate, ignoring case and - vs _', () => {
    expect(closestMatch('Max-Clients', ['max_payload_bytes', 'max_clients'])).toBe('max_clients');
    expect(closestMatch('levl', ['level', 'format'])).toBe('level');
  });

  it('suggests nothing when no candidate is plausibly a typo', () => {
    expect(closestMatch('volume', ['source', 'device', 'channel', 'loop'])).toBeUndefined();
    expect(closestMatch('host', ['port'])).toBeUndefined();
  });
});
