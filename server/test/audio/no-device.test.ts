/**
 * The real audio library on machines without a usable capture device, made deterministic with an ALSA config in a
 * temporary HOME and a JACK server name nobody runs: no device at all, and an output-only card (where
 * node-web-audio-api's getUserMedia aborts the whole process, so capture runs in a child process).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeCapture } from '../../src/audio/capture-probe.js';
import { createSource, parseInputSpec } from '../../src/audio/create-source.js';
import { DemoSource } from '../../src/audio/demo-source.js';
import { LiveSource } from '../../src/audio/live-source.js';
import { openWebAudioCapture } from '../../src/audio/web-audio-capture.js';
import { RecordingLog } from '../support/recording-log.js';
import { RecordingSink } from '../support/recording-sink.js';

const NO_DEVICE = 'pcm.!default "fractalsync_no_such_pcm"\n';
const OUTPUT_ONLY = 'pcm.!default { type asym playback.pcm "null" capture.pcm "fractalsync_no_such_capture" }\n';

let home = '';
const saved = { HOME: process.env.HOME, JACK_DEFAULT_SERVER: process.env.JACK_DEFAULT_SERVER, JACK_NO_START_SERVER: process.env.JACK_NO_START_SERVER };

function useAlsaConfig(config: string): void {
  writeFileSync(join(home, '.asoundrc'), config);
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'fs-nodevice-'));
  process.env.HOME = home;
  process.env.JACK_DEFAULT_SERVER = 'fractalsync-nobody-runs-this';
  process.env.JACK_NO_START_SERVER = '1';
});

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
  rmSync(home, { recursive: true, force: true });
});

describe('with no audio device', () => {
  it('the probe reports the library\'s DeviceUnavailable', async () => {
    useAlsaConfig(NO_DEVICE);
    const result = await probeCapture(true);
    expect(result.ok).toBe(false);
    expect(result.reason).toContain('DeviceUnavailable');
  });

  it('auto falls back to the demo groove with one line saying why', async () => {
    useAlsaConfig(NO_DEVICE);
    const log = new RecordingLog();
    const source = await createSource(parseInputSpec('auto'), { realtime: true }, log);
    expect(source).toBeInstanceOf(DemoSource);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.level).toBe('warn');
    expect(log.lines[0]?.msg).toMatch(/^input auto: (no capture device is listed|no capture device available \(DeviceUnavailable\)); using the built-in demo groove at 124 BPM$/);
  });
});

describe('with an output-only card', () => {
  it('the probe survives the library aborting on getUserMedia and says so', async () => {
    useAlsaConfig(OUTPUT_ONLY);
    const result = await probeCapture(true);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^the audio library crashed opening the capture stream \(SIGABRT.*\): no usable capture device$/);
  });

  it('LiveSource.start rejects naming the device and the cause, and this process lives on', async () => {
    useAlsaConfig(OUTPUT_ONLY);
    const source = new LiveSource();
    await expect(source.start(new RecordingSink())).rejects.toThrow(/^cannot open the default capture device: .+/);
    await source.stop();
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('the capture host aborting is reported as a crash of the library, not of this process', async () => {
    useAlsaConfig(OUTPUT_ONLY);
    const open = openWebAudioCapture({ deviceId: undefined, channels: 2, interpretation: 'speakers', onBlock: () => undefined });
    await expect(open).rejects.toThrow(/^the audio library crashed opening the capture stream \(SIGABRT/);
  });

  it('auto falls back to the demo groove', async () => {
    useAlsaConfig(OUTPUT_ONLY);
    const log = new RecordingLog();
    const source = await createSource(parseInputSpec('auto'), { realtime: true }, log);
    expect(source).toBeInstanceOf(DemoSource);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.msg).toMatch(/^input auto: .+; using the built-in demo groove at 124 BPM$/);
  });
});
