/** Parses `--channel`: "mix" or a 0-based channel index; throws a message naming the bad value. */
export function parseChannel(text: string): 'mix' | number {
  if (text === 'mix') return 'mix';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--channel ${text} is not allowed; expected "mix" or a channel index 0, 1, 2, ...`);
  return n;
}

/** Parses `--device`: an index when the text is a whole number, else a name. */
export function parseDevice(text: string): string | number {
  return /^\d+$/.test(text) ? Number(text) : text;
}
