/**
 * The exact ground truth of a groove: its bars, every beat's time and bar position, and the events (meter
 * change, drums stopping and returning, tempo ramps). The renderer places its hits on this same grid.
 */
import type { Seconds } from '@fractalsync/server/core/units';
import type { EventKind } from '../eval/track-set.js';
import { hasDrums } from './groove-spec.js';
import type { GrooveSpec, Instrument, Meter } from './groove-spec.js';
import { TempoCurve } from './tempo-curve.js';

export interface GridBar {
  index: number;
  /** Global index of the bar's first beat (beat 0 is at spec.startOffset). */
  firstBeat: number;
  meter: Meter;
  section: number;
  barInSection: number;
  instruments: readonly Instrument[];
  /** Whether the bar's section plays any drum. */
  drums: boolean;
}

export interface GridBeat {
  time: Seconds;
  /** 1 = downbeat. */
  position: number;
}

export interface GridEvent {
  time: Seconds;
  kind: EventKind;
}

export interface GrooveGrid {
  curve: TempoCurve;
  /** Bars covering the track, plus one past its end so notes ringing out still have a bar. */
  bars: GridBar[];
  beats: GridBeat[];
  events: GridEvent[];
  /** Time of a (fractional) global beat position. */
  timeOfBeat(beat: number): Seconds;
}

export function grooveGrid(spec: GrooveSpec): GrooveGrid {
  const curve = new TempoCurve(spec.tempo);
  const origin = curve.phaseAt(spec.startOffset);
  const timeOfBeat = (beat: number): Seconds => curve.timeAtPhase(origin + beat);
  const beatCount = Math.max(0, Math.floor(curve.phaseAt(spec.duration) - origin - 1e-9) + 1);

  const bars: GridBar[] = [];
  let firstBeat = 0;
  let section = 0;
  let barInSection = 0;
  while (firstBeat < beatCount + 1) {
    const s = spec.sections[section];
    if (s === undefined) throw new Error(`groove "${spec.style}": section ${section} is missing`);
    bars.push({ index: bars.length, firstBeat, meter: s.meter, section, barInSection, instruments: s.instruments, drums: hasDrums(s) });
    firstBeat += s.meter.beats;
    barInSection++;
    if (barInSection >= s.bars && section + 1 < spec.sections.length) {
      section++;
      barInSection = 0;
    }
  }

  const beats: GridBeat[] = [];
  for (const bar of bars) {
    for (let p = 0; p < bar.meter.beats && bar.firstBeat + p < beatCount; p++) {
      beats.push({ time: timeOfBeat(bar.firstBeat + p), position: p + 1 });
    }
  }
  return { curve, bars, beats, events: gridEvents(spec.duration, bars, curve, timeOfBeat), timeOfBeat };
}

function gridEvents(duration: Seconds, bars: readonly GridBar[], curve: TempoCurve, timeOfBeat: (b: number) => Seconds): GridEvent[] {
  const events: GridEvent[] = [];
  bars.forEach((bar, i) => {
    const prev = bars[i - 1];
    if (prev === undefined) return;
    const time = timeOfBeat(bar.firstBeat);
    if (prev.meter.beats !== bar.meter.beats || prev.meter.unit !== bar.meter.unit) events.push({ time, kind: 'meter_change' });
    if (prev.drums && !bar.drums) events.push({ time, kind: 'drums_stop' });
    if (!prev.drums && bar.drums) events.push({ time, kind: 'breakdown_end' });
  });
  for (const time of curve.changeTimes()) events.push({ time, kind: 'tempo_change' });
  return events.filter((e) => e.time > 0 && e.time < duration).sort((a, b) => a.time - b.time);
}
