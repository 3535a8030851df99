import { describe, expect, it } from 'vitest';
import { intList, num, setName, shard } from '../../src/cli/cli-args.js';

describe('training CLI options', () => {
  it('reads a comma list of dilations, and the default when absent', () => {
    expect(intList('dilations', '1,2,4, 8', [1], 1, 1024)).toEqual([1, 2, 4, 8]);
    expect(intList('dilations', undefined, [1, 2], 1, 1024)).toEqual([1, 2]);
  });

  it('refuses a list with a fraction, a gap or a value out of range, naming the option', () => {
    for (const bad of ['1,2.5', '1,,2', '', '0,1', '1,2048', 'one']) {
      expect(() => intList('dilations', bad, [1], 1, 1024)).toThrow(/--dilations ".*" is invalid; expected a comma list of whole numbers from 1 to 1024/);
    }
  });

  it('refuses numbers out of range and unsafe set names', () => {
    expect(() => num('epochs', '0', 1, 1, 10)).toThrow('--epochs "0" is invalid');
    expect(() => setName('../x')).toThrow('--set "../x" is invalid');
  });

  it('reads --shard I/N and refuses a shard that is not one of N, naming it', () => {
    expect(shard('0/2')).toEqual({ index: 0, count: 2 });
    expect(shard('3/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['2/2', '1/0', '-1/2', '1', 'a/b', '1/2/3', '0.5/2']) expect(() => shard(bad)).toThrow(`--shard "${bad}" is invalid; expected I/N`);
  });
});
