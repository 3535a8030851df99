/**
 * LiveSource against a real JACK server (jackd -d dummy): a sine played into the capture ports arrives at the right
 * level; killing jackd mid-capture is reported as a stall and its restart as a recovery (the show-safety test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveSource } from '../../src/audio/live-source.js';
import { HAS_JACKD, JackServer, waitFor } from '../support/jack.js';
import { RecordingSink } from '../support/recording-sink.js';
import { rms, zeroCrossingFrequency } from '../support/sine-fit.js';
import { sineWave, writeWav } from '../support/wav.js';

const BLOCK_MS = (1024 * 1000) / 48000;

/**
 * Level of the test signal: the median of per-block RMS over `count` blocks from `skip` blocks after the first block
 * carrying signal (the connection settles). The median ignores a rare dropout of a loaded machine's JACK dummy driver.
 */
function steadyLevel(sink: RecordingSink, from: number, skip = 3, count = 30): { level: number; blockRms: number[]; signal: Float32Array } {
  const blocks = sink.blocks.slice(from);
  const first = blocks.findIndex((b) => rms(b) > 0.05);
  if (first < 0) throw new Error('no block carried the test signal');
  const steady = blocks.slice(first + skip, first + skip + count);
  if (steady.length < count) throw new Error(`only ${steady.length} steady blocks after the signal began`);
  const signal = new Float32Array(steady.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of steady) {
    signal.set(b, offset);
    offset += b.length;
  }
  const blockRms = steady.map((b) => rms(b));
  const sorted = [...blockRms].sort((a, b) => a - b);
  return { level: sorted[Math.floor(sorted.length / 2)] ?? 0, blockRms, signal };
}

/** Waits until `skip + count` blocks have followed the first block carrying signal (see steadyLevel). */
async function waitForSignal(sink: RecordingSink, from: number, what: string): Promise<void> {
  await waitFor(
    () => {
      const first = sink.blocks.slice(from).findIndex((b) => rms(b) > 0.05);
      return first >= 0 && sink.blocks.length - from - first >= 33;
    },
    6000,
    what,
  );
}

const EXPECTED_RMS = 0.5 / Math.SQRT2;

function expectSineLevel(result: { level: number; blockRms: number[] }): void {
  expect(Math.abs(result.level - EXPECTED_RMS), `block RMS: ${result.blockRms.map((r) => r.toFixed(3)).join(' ')}`).toBeLessThan(0.02);
}

/**
 * Waits until blocks have flowed for half a second without a stall. Right after a JACK (re)start the first context
 * sometimes delivers one block and stops; LiveSource then reopens, so the test plays into the capture that lasts.
 */
async function waitSteady(source: LiveSource, sink: RecordingSink): Promise<void> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const before = sink.blocks.length;
    const events = sink.events.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (!source.stalled && sink.events.length === events && sink.blocks.length - before >= 18) return;
    if (Date.now() > deadline) throw new Error(`capture never became steady (events: ${sink.eventTypes().join(', ')})`);
  }
}

describe.skipIf(!HAS_JACKD)('LiveSource on a real JACK server (skipped: jackd is not installed)', () => {
  let jack: JackServer | undefined;
  let dir = '';
  let sinePath = '';
  const sources: LiveSource[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fs-jack-'));
    sinePath = writeWav(join(dir, 'sine440.wav'), [sineWave(440, 0.5, 4, 48000)], 48000, 'float32');
    jack = await JackServer.start();
  });

  afterAll(async () => {
    for (const source of sources) await source.stop();
    await jack?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const server = (): JackServer => {
    if (!jack) throw new Error('JACK server not started');
    return jack;
  };

  const startSource = async (sink: RecordingSink, options: ConstructorParameters<typeof LiveSource>[0] = {}): Promise<LiveSource> => {
    const source = new LiveSource(options);
    sources.push(source);
    await source.start(sink);
    return source;
  };

  it('delivers a 0.5-amplitude 440 Hz sine at RMS 0.354 ± 0.02, in 1024-sample blocks at 48 kHz', async () => {
    const sink = new RecordingSink(() => performance.now());
    const source = await startSource(sink);
    expect(source.info.nativeSampleRate).toBe(48000);
    await waitSteady(source, sink);
    const steadyFrom = sink.blocks.length;
    const player = await server().playWav(sinePath);
    await waitForSignal(sink, steadyFrom, 'the sine to arrive');
    const measured = steadyLevel(sink, steadyFrom);
    expectSineLevel(measured);
    const { signal } = measured;
    expect(Math.abs(zeroCrossingFrequency(signal, 48000) - 440)).toBeLessThan(2);
    expect(sink.blocks.every((b) => b.length === 1024)).toBe(true);
    const span = (sink.times.at(-1) ?? 0) - (sink.times[steadyFrom] ?? 0);
    const intervals = sink.blocks.length - 1 - steadyFrom;
    expect(span / intervals).toBeGreaterThan(BLOCK_MS * 0.8);
    expect(span / intervals).toBeLessThan(BLOCK_MS * 1.25);
    player.stop();
    await source.stop();
  });

  it('reports a stall within ~1 s of jackd dying, and recovers with real audio when jackd is back', async () => {
    const sink = new RecordingSink(() => performance.now());
    const source = await startSource(sink);
    await waitSteady(source, sink);
    const eventsBefore = sink.events.length;

    const killedAt = performance.now();
    await server().kill();
    await waitFor(() => sink.eventTypes().slice(eventsBefore).includes('stalled'), 3000, "the 'stalled' event");
    const stalledAt = performance.now();
    expect(stalledAt - killedAt).toBeLessThan(1200);
    expect(source.stalled).toBe(true);
    // Retries fail cleanly while the server is down (DeviceNotAvailable), without crashing the process.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.eventTypes().slice(eventsBefore).includes('recovered')).toBe(false);

    await server().launch();
    await waitFor(() => sink.eventTypes().slice(eventsBefore).includes('recovered'), 10_000, "the 'recovered' event");
    const recovered = sink.events.slice(eventsBefore).find((e) => e.type === 'recovered');
    expect(recovered?.message).toMatch(/^audio from the default capture device flows again after \d+\.\d s$/);
    await waitSteady(source, sink);
    expect(source.stalled).toBe(false);
    const afterRecovery = sink.blocks.length;
    const player = await server().playWav(sinePath);
    await waitForSignal(sink, afterRecovery, 'the sine through the reopened device');
    expectSineLevel(steadyLevel(sink, afterRecovery));
    player.stop();
    await source.stop();
  });

  it('names an unknown device and lists the ones there are', async () => {
    const source = new LiveSource({ device: 'no-such-card' });
    await expect(source.start(new RecordingSink())).rejects.toThrow(/^input device "no-such-card" not found: available capture devices: 0: "cpal_client_\d+_in(-\d+)?"/);
  });

  it('converts a 44.1 kHz JACK server to 48 kHz', async () => {
    await server().kill();
    await server().launch(44100);
    const sink = new RecordingSink();
    const source = await startSource(sink);
    expect(source.info.nativeSampleRate).toBe(44100);
    await waitSteady(source, sink);
    const player = await server().playWav(sinePath); // jack-play converts the file to the server's rate
    const steadyFrom = sink.blocks.length;
    await waitForSignal(sink, steadyFrom, 'the sine to arrive');
    const measured = steadyLevel(sink, steadyFrom);
    expectSineLevel(measured);
    const { signal } = measured;
    expect(Math.abs(zeroCrossingFrequency(signal, 48000) - 440)).toBeLessThan(2);
    player.stop();
    await source.stop();
  });
});
