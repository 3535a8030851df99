import { describe, expect, it } from 'vitest';
import { aubioBeats, findAubio, parseAubioBeats } from '../../src/eval/aubio.js';

const aubio = await findAubio();

describe('aubio adapter', () => {
  it('parses `aubio beat` output: one time per line with a trailing tab', () => {
    expect(parseAubioBeats('3.006375\t\n3.626708\t\n\n')).toEqual([3.006375, 3.626708]);
    expect(parseAubioBeats('')).toEqual([]);
  });

  it('names a line that is not a time', () => {
    expect(() => parseAubioBeats('1.5\t\nwarning: odd\n')).toThrow('aubio beat output line 2 is "warning: odd"; expected a time in seconds');
  });

  it('reports a missing binary as not installed', async () => {
    expect(await findAubio('aubio-binary-that-is-not-installed')).toBeNull();
  });

  it.skipIf(aubio === null)('finds the installed version and names a file aubio cannot read (skipped only without aubio-tools)', async () => {
    expect(aubio?.version).toMatch(/^aubio version \d+\.\d+/);
    await expect(aubioBeats('/nonexistent/track.wav')).rejects.toThrow(/aubio beat \/nonexistent\/track\.wav failed/);
  });
});
