/** Named units, so a signature says what a number means (Tone.js style). */
export type Seconds = number;
export type Milliseconds = number;
export type Hz = number;
export type Samples = number;
export type Bpm = number;
/** Count of completed 1024-sample hops since the stream started. */
export type HopIndex = number;
