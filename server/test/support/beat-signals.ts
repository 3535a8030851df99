/**
 * Rhythmic test signals with exact ground truth: a kick (pitch-swept sine with a click) on every beat, a
 * hat on the off-beats, and a chord that changes at every bar line, so meter and downbeats are audible
 * the way they are in songs.
 */
export const SR = 48000;

export interface Beat {
  time: number;
  position: number;
}

/** Beats of a tempo curve (bpm at beat index) and meters (beats per bar, per bar index). */
export function beatGrid(count: number, bpmAt: (beat: number) => number, meterAt: (bar: number) => number, start = 0.5): Beat[] {
  const beats: Beat[] = [];
  let time = start;
  let bar = 0;
  let position = 1;
  for (let i = 0; i < count; i++) {
    beats.push({ time, position });
    time += 60 / bpmAt(i);
    position++;
    if (position > meterAt(bar)) {
      position = 1;
      bar++;
    }
  }
  return beats;
}

const CHORDS = [
  [57, 60, 64],
  [53, 57, 60],
  [48, 52, 55],
  [55, 59, 62],
];
const midiHz = (note: number): number => 440 * 2 ** ((note - 69) / 12);

/** Renders the beats (kick + off-beat hat + chords per bar) into `seconds` of audio; `silent` ranges are muted. */
export function renderBeats(beats: Beat[], seconds: number, options: { silent?: [number, number][]; drumsOff?: [number, number][] } = {}): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  let noise = 22222;
  const rand = (): number => {
    noise = (noise * 1103515245 + 12345) & 0x7fffffff;
    return noise / 0x7fffffff - 0.5;
  };
  const drums = (t: number): boolean => !(options.drumsOff ?? []).some(([a, b]) => t >= a && t < b);
  let bar = -1;
  beats.forEach((beat, i) => {
    const start = Math.round(beat.time * SR);
    const next = beats[i + 1]?.time ?? beat.time + 0.5;
    if (drums(beat.time)) {
      for (let n = 0; n < 0.15 * SR && start + n < out.length; n++) {
        const t = n / SR;
        const f = 50 + 100 * Math.exp(-t / 0.02);
        out[start + n] = (out[start + n] ?? 0) + 0.6 * Math.exp(-t / 0.06) * Math.sin(2 * Math.PI * f * t) + (n < 48 ? 0.3 * rand() : 0);
      }
      const off = Math.round(((beat.time + next) / 2) * SR);
      for (let n = 0; n < 0.03 * SR && off + n < out.length; n++) out[off + n] = (out[off + n] ?? 0) + 0.15 * Math.exp(-n / SR / 0.008) * rand();
    }
    if (beat.position === 1) bar++;
    const chord = CHORDS[((bar % CHORDS.length) + CHORDS.length) % CHORDS.length] ?? [];
    for (let n = start; n < Math.round(next * SR) && n < out.length; n++) {
      const t = n / SR;
      let v = 0;
      for (const note of chord) v += Math.sin(2 * Math.PI * midiHz(note) * t);
      out[n] = (out[n] ?? 0) + 0.05 * v;
    }
  });
  for (const [a, b] of options.silent ?? []) out.fill(0, Math.round(a * SR), Math.round(b * SR));
  return out;
}
