/**
 * Ground truth of a MIDI song from its own tempo map and time signatures: every beat's time and bar position,
 * and the tempo and meter changes. The beat is the time signature's note value, except compound meters
 * (6/8, 9/8, 12/8), whose beat is the dotted quarter. Bars restart at every time signature event.
 */
import type { Seconds } from '@fractalsync/server/core/units';
import type { GridBeat, GridEvent } from './groove-grid.js';
import type { MidiSong, MidiTempo, MidiTimeSignature } from './midi-reader.js';

export interface MidiTruth {
  beats: GridBeat[];
  events: GridEvent[];
  /** Time of the song's last event (offset included). */
  end: Seconds;
}

export interface MidiTruthOptions {
  /** Added to every time: the synthesiser's measured output latency. */
  offset: Seconds;
  /** Beats and events at or after this time are left out. */
  duration: Seconds;
}

/** Beats per bar and ticks per beat of a time signature. */
export function meterBeats(ts: MidiTimeSignature, ppq: number): { beats: number; beatTicks: number } {
  const noteTicks = (ppq * 4) / ts.denominator;
  const compound = ts.denominator === 8 && ts.numerator > 3 && ts.numerator % 3 === 0;
  return compound ? { beats: ts.numerator / 3, beatTicks: 3 * noteTicks } : { beats: ts.numerator, beatTicks: noteTicks };
}

/** Converts ticks to seconds through the tempo map (120 BPM until the first tempo event, as the SMF spec says). */
export function tickClock(song: MidiSong): (tick: number) => Seconds {
  const tempos: MidiTempo[] = song.tempos.length > 0 && song.tempos[0]?.tick === 0 ? [...song.tempos] : [{ tick: 0, microsPerQuarter: 500000 }, ...song.tempos];
  const starts: Seconds[] = [];
  let seconds = 0;
  tempos.forEach((tempo, i) => {
    const prev = tempos[i - 1];
    if (prev !== undefined) seconds += ((tempo.tick - prev.tick) * prev.microsPerQuarter) / (song.ppq * 1e6);
    starts.push(seconds);
  });
  return (tick) => {
    let i = 0;
    while (i + 1 < tempos.length && (tempos[i + 1]?.tick ?? Infinity) <= tick) i++;
    const tempo = tempos[i] ?? { tick: 0, microsPerQuarter: 500000 };
    return (starts[i] ?? 0) + ((tick - tempo.tick) * tempo.microsPerQuarter) / (song.ppq * 1e6);
  };
}

/**
 * Ticks where the tempo starts or stops changing. A ramp written as one step per beat (as MMA does) is one change
 * from its first step to its last: steps at most a whole note apart are grouped, as the procedural ramps report.
 */
export function tempoChangeTicks(song: MidiSong): number[] {
  const steps: number[] = [];
  let micros = 500000;
  for (const tempo of song.tempos) {
    if (tempo.tick > 0 && tempo.microsPerQuarter !== micros) steps.push(tempo.tick);
    micros = tempo.microsPerQuarter;
  }
  const gap = 4 * song.ppq;
  return steps.filter((tick, i) => {
    const prev = steps[i - 1];
    const next = steps[i + 1];
    const startsRamp = prev === undefined || tick - prev > gap;
    const endsRamp = next === undefined || next - tick > gap;
    return startsRamp || endsRamp;
  });
}

export function midiTruth(song: MidiSong, options: MidiTruthOptions): MidiTruth {
  const clock = tickClock(song);
  const at = (tick: number): Seconds => clock(tick) + options.offset;
  const signatures: MidiTimeSignature[] =
    song.timeSignatures.length > 0 && song.timeSignatures[0]?.tick === 0 ? song.timeSignatures : [{ tick: 0, numerator: 4, denominator: 4 }, ...song.timeSignatures];

  const beats: GridBeat[] = [];
  signatures.forEach((ts, i) => {
    const regionEnd = Math.min(signatures[i + 1]?.tick ?? Infinity, song.lastTick);
    const { beats: perBar, beatTicks } = meterBeats(ts, song.ppq);
    for (let n = 0; ts.tick + n * beatTicks < regionEnd; n++) {
      const time = at(ts.tick + n * beatTicks);
      if (time >= options.duration) break;
      if (time >= 0) beats.push({ time, position: (n % perBar) + 1 });
    }
  });

  const events: GridEvent[] = [];
  for (const tick of tempoChangeTicks(song)) events.push({ time: at(tick), kind: 'tempo_change' });
  signatures.forEach((ts, i) => {
    const prev = signatures[i - 1];
    if (ts.tick > 0 && prev !== undefined && (prev.numerator !== ts.numerator || prev.denominator !== ts.denominator)) {
      events.push({ time: at(ts.tick), kind: 'meter_change' });
    }
  });
  return {
    beats,
    events: events.filter((e) => e.time > 0 && e.time < options.duration).sort((a, b) => a.time - b.time),
    end: at(song.lastTick),
  };
}
