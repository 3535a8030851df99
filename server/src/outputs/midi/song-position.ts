export const SONG_POSITION = 0xf2;
/** A Song Position Pointer counts MIDI beats (sixteenth notes) in 14 bits. */
const MAX_POSITION = 0x3fff;

/**
 * Song position (sixteenths) of song beat `songBeat`. Past 14 bits (about 34 minutes at 120 BPM) it wraps
 * by whole bars, so a receiver's bar still starts where ours does.
 */
export function songPositionFor(songBeat: number, beatsPerBar: number): number {
  if (!Number.isInteger(songBeat) || songBeat < 0) throw new Error(`song beat must be a whole number >= 0, got ${songBeat}`);
  if (!Number.isInteger(beatsPerBar) || beatsPerBar < 1) throw new Error(`beats per bar must be a whole number >= 1, got ${beatsPerBar}`);
  const maxBeats = Math.floor(MAX_POSITION / 4) + 1;
  const wrap = beatsPerBar * Math.floor(maxBeats / beatsPerBar);
  return (songBeat % wrap) * 4;
}

/** F2, then the 14-bit position, least significant 7 bits first. */
export function songPositionBytes(position: number): number[] {
  if (!Number.isInteger(position) || position < 0 || position > MAX_POSITION) {
    throw new Error(`song position must be a whole number 0 to ${MAX_POSITION}, got ${position}`);
  }
  return [SONG_POSITION, position & 0x7f, (position >> 7) & 0x7f];
}
