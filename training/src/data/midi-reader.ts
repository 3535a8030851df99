/**
 * A small Standard MIDI File reader: the header, tempo (FF 51) and time signature (FF 58) meta events, and where
 * the notes are. That is all the ground truth of a rendered song needs; other events are skipped by length.
 */

export interface MidiTempo {
  tick: number;
  microsPerQuarter: number;
}

export interface MidiTimeSignature {
  tick: number;
  numerator: number;
  /** The note value as a number: 4 for quarter notes, 8 for eighths. */
  denominator: number;
}

export interface MidiSong {
  format: number;
  trackCount: number;
  /** Ticks per quarter note. */
  ppq: number;
  /** Sorted by tick, from every track. */
  tempos: MidiTempo[];
  timeSignatures: MidiTimeSignature[];
  /** Tick of the first note-on, or undefined when the file has no notes. */
  firstNoteTick: number | undefined;
  /** Tick of the last event of any track (usually the last note-off or end of track). */
  lastTick: number;
  noteCount: number;
}

class Cursor {
  pos = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly source: string,
  ) {}

  get length(): number {
    return this.bytes.length;
  }

  byte(): number {
    const b = this.bytes[this.pos];
    if (b === undefined) throw new Error(`${this.source}: unexpected end of data at byte ${this.pos}`);
    this.pos++;
    return b;
  }

  uint(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.byte();
    return v;
  }

  ascii(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.byte());
    return s;
  }

  /** A variable-length quantity: 7 bits per byte, high bit set on all but the last (at most 4 bytes). */
  varLen(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.byte();
      v = v * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) return v;
    }
    throw new Error(`${this.source}: variable-length number longer than 4 bytes at byte ${this.pos - 4}`);
  }
}

/** Parses SMF bytes; `source` names the file in errors. */
export function readMidi(bytes: Uint8Array, source = 'MIDI data'): MidiSong {
  const c = new Cursor(bytes, source);
  if (bytes.length < 14 || c.ascii(4) !== 'MThd') throw new Error(`${source} is not a Standard MIDI File (no MThd header)`);
  const headerLength = c.uint(4);
  if (headerLength < 6) throw new Error(`${source}: MThd length ${headerLength} is too short; expected 6`);
  const format = c.uint(2);
  const trackCount = c.uint(2);
  const division = c.uint(2);
  if (format > 2) throw new Error(`${source}: MIDI format ${format} is unknown; expected 0, 1 or 2`);
  if ((division & 0x8000) !== 0 || division === 0) {
    throw new Error(`${source}: time division 0x${division.toString(16)} is SMPTE or zero; only ticks per quarter note are supported`);
  }
  c.pos = 8 + headerLength;
  const song: MidiSong = { format, trackCount, ppq: division, tempos: [], timeSignatures: [], firstNoteTick: undefined, lastTick: 0, noteCount: 0 };
  for (let t = 0; t < trackCount; t++) {
    if (c.pos + 8 > c.length) throw new Error(`${source}: header promises ${trackCount} tracks but the file ends after ${t}`);
    const id = c.ascii(4);
    const length = c.uint(4);
    const end = c.pos + length;
    if (end > c.length) throw new Error(`${source}: chunk ${t} ("${id}") claims ${length} bytes but only ${c.length - c.pos} remain`);
    if (id === 'MTrk') readTrack(c, end, song, `${source} track ${t}`);
    else t--; // Unknown chunks are skipped and do not count as tracks.
    c.pos = end;
  }
  song.tempos.sort((a, b) => a.tick - b.tick);
  song.timeSignatures.sort((a, b) => a.tick - b.tick);
  return song;
}

function readTrack(c: Cursor, end: number, song: MidiSong, where: string): void {
  let tick = 0;
  let running = 0;
  while (c.pos < end) {
    tick += c.varLen();
    song.lastTick = Math.max(song.lastTick, tick);
    let status = c.byte();
    if (status < 0x80) {
      if (running === 0) throw new Error(`${where}: data byte 0x${status.toString(16)} at byte ${c.pos - 1} with no running status`);
      c.pos--;
      status = running;
    }
    if (status === 0xff) {
      const type = c.byte();
      const length = c.varLen();
      const body = c.pos;
      if (type === 0x51) {
        if (length !== 3) throw new Error(`${where}: tempo event at tick ${tick} has ${length} data bytes; expected 3`);
        song.tempos.push({ tick, microsPerQuarter: c.uint(3) });
      } else if (type === 0x58) {
        if (length < 2) throw new Error(`${where}: time signature at tick ${tick} has ${length} data bytes; expected 4`);
        const numerator = c.byte();
        const power = c.byte();
        if (numerator === 0 || power > 6) throw new Error(`${where}: time signature ${numerator}/2^${power} at tick ${tick} is invalid`);
        song.timeSignatures.push({ tick, numerator, denominator: 2 ** power });
      }
      c.pos = body + length;
      if (type === 0x2f) break;
    } else if (status === 0xf0 || status === 0xf7) {
      const length = c.varLen(); // read before adding: `c.pos += c.varLen()` would add to the old position
      c.pos += length;
    } else {
      running = status;
      const kind = status & 0xf0;
      c.byte(); // key, controller or program: not needed
      const data2 = kind === 0xc0 || kind === 0xd0 ? 0 : c.byte();
      if (kind === 0x90 && data2 > 0) {
        song.noteCount++;
        song.firstNoteTick = Math.min(song.firstNoteTick ?? tick, tick);
      }
    }
  }
}
