import type { Milliseconds } from '../units.js';

/**
 * One ping/pong exchange, NTP style: t0 client send, t1 server receive, t2 server send, t3 client receive.
 * t0 and t3 are read on the client clock, t1 and t2 on the server clock.
 */
export interface ClockSample {
  t0: Milliseconds;
  t1: Milliseconds;
  t2: Milliseconds;
  t3: Milliseconds;
}

export interface ClockOffsetEstimate {
  /** Add to a client time to get server time: server ≈ client + offset. */
  offset: Milliseconds;
  /** Round-trip network delay of the chosen sample (server processing time excluded). */
  delay: Milliseconds;
  /** Index of the chosen sample in the input array. */
  index: number;
}

/** Offset and delay of one sample (RFC 5905 on-wire calculation). */
export function sampleOffset(sample: ClockSample): { offset: Milliseconds; delay: Milliseconds } {
  return {
    offset: (sample.t1 - sample.t0 + (sample.t2 - sample.t3)) / 2,
    delay: sample.t3 - sample.t0 - (sample.t2 - sample.t1),
  };
}

function checkSample(sample: ClockSample, index: number): void {
  for (const key of ['t0', 't1', 't2', 't3'] as const) {
    if (!Number.isFinite(sample[key])) {
      throw new Error(`clock sample ${index}: ${key} must be a finite number of milliseconds, got ${String(sample[key])}`);
    }
  }
  if (sample.t3 < sample.t0) {
    throw new Error(`clock sample ${index}: t3 (${sample.t3}) is before t0 (${sample.t0}); the client clock must not go backwards`);
  }
  if (sample.t2 < sample.t1) {
    throw new Error(`clock sample ${index}: t2 (${sample.t2}) is before t1 (${sample.t1}); the server clock must not go backwards`);
  }
}

/**
 * Estimate the server-minus-client clock offset from several exchanges.
 * The sample with the smallest round-trip delay is the least disturbed by queueing, so it is the one trusted.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffsetEstimate {
  const first = samples[0];
  if (first === undefined) {
    throw new Error('estimateClockOffset needs at least one ping/pong sample, got none');
  }
  checkSample(first, 0);
  let best: ClockOffsetEstimate = { ...sampleOffset(first), index: 0 };
  for (let index = 1; index < samples.length; index++) {
    const sample = samples[index];
    if (sample === undefined) continue;
    checkSample(sample, index);
    const { offset, delay } = sampleOffset(sample);
    if (delay < best.delay) best = { offset, delay, index };
  }
  return best;
}
