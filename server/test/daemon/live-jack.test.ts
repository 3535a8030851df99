import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchStatus, median, openStateStream, startDaemon, type RunningDaemon } from '../support/daemon.js';
import { HAS_JACKD, JackServer, waitFor } from '../support/jack.js';
import { writeWav } from '../support/wav.js';

/**
 * The live path end to end: a real JACK server, the daemon capturing from it, a known WAV played into the
 * daemon's capture port with jack-play, and the features read back over /ws.
 */
const SR = 48000;
// 500 Hz at 0.2 plus 2000 Hz at 0.1: RMS sqrt(0.02 + 0.005) = 0.158, power-weighted centroid (0.02*500 + 0.005*2000) / 0.025 = 800 Hz.
const EXPECTED_RMS = Math.sqrt(0.2 ** 2 / 2 + 0.1 ** 2 / 2);
const EXPECTED_CENTROID = 800;

function twoTones(seconds: number): Float32Array {
  const out = new Float32Array(seconds * SR);
  for (let n = 0; n < out.length; n++) out[n] = 0.2 * Math.sin((2 * Math.PI * 500 * n) / SR) + 0.1 * Math.sin((2 * Math.PI * 2000 * n) / SR);
  return out;
}

describe.skipIf(!HAS_JACKD)('live input through JACK, end to end', () => {
  let jack: JackServer;
  let daemon: RunningDaemon;
  let dir: string;
  let wav: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fractalsync-live-'));
    wav = writeWav(join(dir, 'two-tones.wav'), [twoTones(6)], SR, 'float32');
    jack = await JackServer.start();
    daemon = await startDaemon(['--input', 'live']);
    const pid = daemon.process.pid ?? 0;
    await waitFor(async () => (await jack.capturePorts(pid)).length > 0, 10_000, 'the daemon to open its capture ports');
  });
  afterAll(async () => {
    await daemon.stop();
    await jack.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the file’s RMS and centroid over /ws', async () => {
    const stream = await openStateStream(daemon.port);
    const player = await jack.playWav(wav, daemon.process.pid);
    await waitFor(() => stream.states.filter((s) => s.features.rms > 0.1).length >= 94, 15_000, 'two seconds of the tones over /ws');
    player.stop();
    stream.close();
    // Steady part only: skip the hops whose windows straddle the start of the tones.
    const loud = stream.states.filter((s) => s.features.rms > 0.1).slice(8);
    expect(Math.abs(median(loud.map((s) => s.features.rms)) - EXPECTED_RMS) / EXPECTED_RMS).toBeLessThan(0.03);
    expect(Math.abs(median(loud.map((s) => s.features.centroid)) - EXPECTED_CENTROID) / EXPECTED_CENTROID).toBeLessThan(0.03);
    const status = await fetchStatus(daemon.port);
    expect(status.input.source?.kind).toBe('live');
    expect(status.input.source?.nativeSampleRate).toBe(SR);
  });

  it('keeps emitting SlowState when the JACK server dies, and picks the input up again when it returns', async () => {
    const stream = await openStateStream(daemon.port);
    await waitFor(() => stream.states.length >= 20, 5000, 'states before the kill');
    await jack.kill();
    const atKill = stream.states.length;
    await waitFor(async () => (await fetchStatus(daemon.port)).input.state === 'stalled', 5000, 'status to say stalled');
    // Three seconds without an audio server: the hop clock runs on, one state per hop, no gaps, no repeats.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const during = stream.states.slice(atKill);
    expect(during.length).toBeGreaterThan(3 * 46.875 * 0.8);
    for (let i = 1; i < stream.states.length; i++) expect(stream.states[i]?.hop).toBe((stream.states[i - 1]?.hop ?? 0) + 1);
    expect((await fetchStatus(daemon.port)).input.silent_fill_hops).toBeGreaterThan(100);
    expect(daemon.output()).toMatch(/input stalled/);

    await jack.launch();
    await waitFor(async () => (await fetchStatus(daemon.port)).input.state === 'running', 20_000, 'status to say running again');
    const pid = daemon.process.pid ?? 0;
    await waitFor(async () => (await jack.capturePorts(pid)).length > 0, 10_000, 'capture ports on the new server');
    const beforePlay = stream.states.length;
    const player = await jack.playWav(wav, pid);
    await waitFor(() => stream.states.slice(beforePlay).filter((s) => s.features.rms > 0.1).length >= 20, 15_000, 'real audio after recovery');
    player.stop();
    stream.close();
    expect(daemon.output()).toMatch(/input recovered/);
    const loud = stream.states.slice(beforePlay).filter((s) => s.features.rms > 0.1).slice(8);
    expect(Math.abs(median(loud.map((s) => s.features.rms)) - EXPECTED_RMS) / EXPECTED_RMS).toBeLessThan(0.05);
  });
});
