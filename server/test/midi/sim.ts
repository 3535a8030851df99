import { runClockLoop, type ClockCommand } from '../../src/outputs/midi/clock-loop.js';
import { TickScheduler, type BeatSample } from '../../src/outputs/midi/tick-scheduler.js';

export const HOP_MS = 1000 / 46.875;

/** A synthetic tracker: beat position as a function of time, tempo segments, and a bar labelling shift. */
export interface Tempo {
  from: number;
  bpm: number;
}

export class SyntheticBeat {
  /** Added to the beat index before labelling beat_in_bar, from a given time on (a manual downbeat). */
  readonly barShifts: { from: number; shift: number }[] = [];
  readonly nudges: { from: number; beats: number }[] = [];
  constructor(readonly tempos: Tempo[], readonly beatsPerBar = 4, readonly origin = 1000) {}

  /** Beat position at time t: tempo integrated piecewise from `origin`, plus nudges. */
  position(t: number): number {
    let pos = 0;
    let prev = this.origin;
    for (let i = 0; i < this.tempos.length; i++) {
      const seg = this.tempos[i];
      if (!seg) break;
      const end = Math.min(t, this.tempos[i + 1]?.from ?? Infinity);
      if (end > prev) pos += ((end - prev) / 60000) * seg.bpm;
      prev = Math.max(prev, end);
    }
    for (const nudge of this.nudges) if (t >= nudge.from) pos += nudge.beats;
    return pos + 8; // starts in beat 8, so beat counts are never negative
  }

  bpmAt(t: number): number {
    let bpm = this.tempos[0]?.bpm ?? 120;
    for (const seg of this.tempos) if (t >= seg.from) bpm = seg.bpm;
    return bpm;
  }

  /** Time of beat position `pos` (by bisection, so tempo segments need no inverse formula). */
  timeOf(pos: number): number {
    let lo = this.origin - 1e7;
    let hi = this.origin + 1e7;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (this.position(mid) < pos) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  sample(wall: number): BeatSample {
    const pos = this.position(wall);
    const beatCount = Math.floor(pos);
    let shift = 0;
    for (const s of this.barShifts) if (wall >= s.from) shift = s.shift;
    return {
      wall,
      spb: 60 / this.bpmAt(wall),
      phase: pos - beatCount,
      beatCount,
      beatInBar: (((beatCount + shift) % this.beatsPerBar) + this.beatsPerBar) % this.beatsPerBar + 1,
      beatsPerBar: this.beatsPerBar,
    };
  }
}

export interface Sent {
  at: number;
  bytes: number[];
}

/**
 * Runs the real clock loop on a fake clock: a state every hop from `beat`, `commands` at their times,
 * until `endMs`. Returns every message with the (fake) time it was sent.
 */
export function simulate(beat: SyntheticBeat, latencyMs: number, endMs: number, commands: { at: number; command: ClockCommand }[] = []): Sent[] {
  let time = 0;
  const queue: { at: number; command: ClockCommand }[] = [];
  for (let wall = beat.origin; wall < endMs; wall += HOP_MS) queue.push({ at: wall, command: { type: 'beat', beat: beat.sample(wall) } });
  queue.push(...commands, { at: endMs, command: { type: 'close' } });
  queue.sort((a, b) => a.at - b.at);
  const sent: Sent[] = [];
  const scheduler = new TickScheduler({ latencyMs, now: () => time });
  runClockLoop(
    scheduler,
    {
      now: () => time,
      waitUntil: (until) => {
        time = Math.max(time, Math.min(until, queue[0]?.at ?? until));
      },
      receive: () => (queue[0] !== undefined && queue[0].at <= time ? queue.shift()?.command : undefined),
      send: (bytes) => sent.push({ at: time, bytes }),
    },
    () => undefined,
  );
  return sent;
}

export const ticksOf = (sent: Sent[]): number[] => sent.filter((s) => s.bytes[0] === 0xf8).map((s) => s.at);
