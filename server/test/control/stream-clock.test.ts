import { describe, expect, it } from 'vitest';
import { StreamClock } from '../../src/control/stream-clock.js';

const HOP_S = 1024 / 48000;

describe('StreamClock', () => {
  it('knows nothing before the first hop', () => {
    expect(new StreamClock().streamTimeAt(1000)).toBeUndefined();
  });

  it('maps the server clock to stream time through the least delayed hop of the last two seconds', () => {
    const clock = new StreamClock();
    const start = 1_800_000_000_000;
    // Hops finish 2 to 12 ms after their audio ended; one was as quick as 2 ms.
    for (let hop = 0; hop < 200; hop++) clock.observe(hop * HOP_S, start + hop * HOP_S * 1000 + (hop % 5 === 0 ? 2 : 12));
    const now = start + 199 * HOP_S * 1000 + 250;
    // True stream time at `now` is 199 hops + 250 ms; with the 2 ms hop as reference the error is 2 ms.
    // Tolerance 1 µs: epoch milliseconds in seconds keep about 0.2 µs of resolution in a double.
    expect(Math.abs((clock.streamTimeAt(now) ?? NaN) - (199 * HOP_S + 0.25 - 0.002))).toBeLessThan(1e-6);
  });

  it('forgets delays older than the window', () => {
    const clock = new StreamClock();
    clock.observe(0, 1000 - 500);
    for (let hop = 1; hop <= 94; hop++) clock.observe(hop, 1000 + hop * 1000 + 10);
    // The old, impossible "500 ms early" sample has left the window; 10 ms is now the smallest delay.
    expect(Math.abs((clock.streamTimeAt(96_000) ?? NaN) - (95 - 0.01))).toBeLessThan(1e-9);
  });
});
