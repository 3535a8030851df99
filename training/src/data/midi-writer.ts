/** A minimal format-0 Standard MIDI File writer, for probe files such as the synthesiser latency click. */

export interface MidiWriteEvent {
  tick: number;
  /** Status and data bytes of a channel message, or FF type length data for a meta event. */
  data: readonly number[];
}

export function varLen(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0x0fffffff) throw new Error(`MIDI variable-length value ${value} is out of range 0..0x0fffffff`);
  const bytes = [value & 0x7f];
  let v = Math.floor(value / 128);
  while (v > 0) {
    bytes.unshift((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  return bytes;
}

export function tempoEvent(tick: number, bpm: number): MidiWriteEvent {
  const micros = Math.round(60_000_000 / bpm);
  return { tick, data: [0xff, 0x51, 3, (micros >> 16) & 0xff, (micros >> 8) & 0xff, micros & 0xff] };
}

export function timeSignatureEvent(tick: number, numerator: number, denominator: number): MidiWriteEvent {
  const power = Math.log2(denominator);
  if (!Number.isInteger(power)) throw new Error(`time signature denominator ${denominator} is not a power of two`);
  return { tick, data: [0xff, 0x58, 4, numerator, power, 24, 8] };
}

/** SMF bytes of one track holding `events` (sorted here by tick, stable), ended by an end-of-track event. */
export function writeMidi(ppq: number, events: readonly MidiWriteEvent[]): Uint8Array {
  if (!Number.isInteger(ppq) || ppq < 1 || ppq > 0x7fff) throw new Error(`MIDI ticks per quarter ${ppq} is out of range 1..32767`);
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.tick - b.e.tick || a.i - b.i);
  const track: number[] = [];
  let tick = 0;
  for (const { e } of sorted) {
    track.push(...varLen(e.tick - tick), ...e.data);
    tick = e.tick;
  }
  track.push(0, 0xff, 0x2f, 0);
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (ppq >> 8) & 0xff, ppq & 0xff];
  const length = track.length;
  const trackHeader = [0x4d, 0x54, 0x72, 0x6b, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
  return Uint8Array.from([...header, ...trackHeader, ...track]);
}
