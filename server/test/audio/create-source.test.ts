import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureConstraints, ProbeResult } from '../../src/audio/capture-probe.js';
import { createSource, parseInputSpec, type CreateSourceOptions } from '../../src/audio/create-source.js';
import { DemoSource } from '../../src/audio/demo-source.js';
import type { InputDevice } from '../../src/audio/devices.js';
import { FileSource } from '../../src/audio/file-source.js';
import { LiveSource } from '../../src/audio/live-source.js';
import { OfflineSource } from '../../src/audio/offline-source.js';
import { FakeClock } from '../support/fake-clock.js';
import { RecordingLog } from '../support/recording-log.js';
import { sineWave, writeWav } from '../support/wav.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-create-'));
const wav = writeWav(join(dir, 'tone.wav'), [sineWave(440, 0.5, 0.2, 48000)], 48000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const DEVICES: InputDevice[] = [
  { index: 0, id: 'a', label: 'Built-in Microphone' },
  { index: 1, id: 'b', label: 'Scarlett 2i2' },
];

function autoOptions(devices: InputDevice[], probe: ProbeResult, extra: Partial<CreateSourceOptions> = {}) {
  const probed: CaptureConstraints[] = [];
  const options: CreateSourceOptions = {
    realtime: true,
    listDevices: () => Promise.resolve(devices),
    probe: (constraints) => {
      probed.push(constraints);
      return Promise.resolve(probe);
    },
    ...extra,
  };
  return { options, probed };
}

describe('createSource', () => {
  it('makes a demo source', async () => {
    const log = new RecordingLog();
    const source = await createSource(parseInputSpec('demo'), { realtime: true }, log);
    expect(source).toBeInstanceOf(DemoSource);
    expect(source.info.kind).toBe('demo');
  });

  it('makes a real-time file source, or an offline one', async () => {
    const log = new RecordingLog();
    const playing = await createSource(parseInputSpec(`file:${wav}`), { realtime: true, loop: true, timers: new FakeClock() }, log);
    expect(playing).toBeInstanceOf(FileSource);
    expect(playing.info).toMatchObject({ kind: 'file', name: wav, realtime: true });
    const offline = await createSource(parseInputSpec(`file:${wav}`), { realtime: false }, log);
    expect(offline).toBeInstanceOf(OfflineSource);
    expect(offline.info.realtime).toBe(false);
    expect(log.lines).toEqual([]);
  });

  it('passes on the decoder\'s error for a missing file', async () => {
    const path = join(dir, 'missing.wav');
    await expect(createSource(parseInputSpec(`file:${path}`), { realtime: true }, new RecordingLog())).rejects.toThrow(`audio file not found: ${path}`);
  });

  it('refuses offline reading of anything but a file', async () => {
    await expect(createSource(parseInputSpec('live:2'), { realtime: false }, new RecordingLog())).rejects.toThrow(
      'input "live:2" cannot be read offline (realtime: false): offline analysis needs file:PATH',
    );
  });

  it('makes a live source for the spec\'s device, which wins over the option', async () => {
    const opened: (string | undefined)[] = [];
    const live: CreateSourceOptions['live'] = {
      listDevices: () => Promise.resolve(DEVICES),
      openCapture: (request) => {
        opened.push(request.deviceId);
        // Like a device: the first block comes on a later turn of the event loop.
        setImmediate(() => {
          request.onBlock([new Float32Array(1024), new Float32Array(1024)]);
        });
        return Promise.resolve({ sampleRate: 48000, close: () => Promise.resolve() });
      },
    };
    const source = await createSource(parseInputSpec('live:scarlett'), { realtime: true, device: 0, live }, new RecordingLog());
    expect(source).toBeInstanceOf(LiveSource);
    await source.start({ audio: () => undefined, event: () => undefined });
    expect(opened).toEqual(['b']);
    expect(source.info.name).toBe('Scarlett 2i2');
    await source.stop();
  });

  it('auto: uses the default device when one is listed and opens, in one info line', async () => {
    const log = new RecordingLog();
    const { options, probed } = autoOptions(DEVICES, { ok: true, reason: '' });
    const source = await createSource(parseInputSpec('auto'), options, log);
    expect(source).toBeInstanceOf(LiveSource);
    expect(probed).toEqual([true]);
    expect(log.lines).toEqual([{ level: 'info', msg: "input auto: using the system's default capture device (2 listed)" }]);
  });

  it('auto: probes a chosen device by its id', async () => {
    const log = new RecordingLog();
    const { options, probed } = autoOptions(DEVICES, { ok: true, reason: '' }, { device: 'scarlett' });
    await createSource(parseInputSpec('auto'), options, log);
    expect(probed).toEqual([{ deviceId: 'b' }]);
    expect(log.lines).toEqual([{ level: 'info', msg: 'input auto: using capture device "Scarlett 2i2" (2 listed)' }]);
  });

  it('auto: falls back to the demo groove when the device does not open, saying why in one line', async () => {
    const log = new RecordingLog();
    const reason = 'InvalidStateError: cpal backend error during default_output_config: DeviceUnavailable: The requested audio device is not available.';
    const { options } = autoOptions(DEVICES, { ok: false, reason });
    const source = await createSource(parseInputSpec('auto'), options, log);
    expect(source).toBeInstanceOf(DemoSource);
    expect(log.lines).toEqual([
      { level: 'warn', msg: 'input auto: no capture device available (DeviceUnavailable); using the built-in demo groove at 124 BPM' },
    ]);
  });

  it('auto: falls back when no device is listed, or the chosen one is missing', async () => {
    const none = new RecordingLog();
    const { options, probed } = autoOptions([], { ok: true, reason: '' });
    expect(await createSource(parseInputSpec('auto'), options, none)).toBeInstanceOf(DemoSource);
    expect(probed).toEqual([]);
    expect(none.lines).toEqual([{ level: 'warn', msg: 'input auto: no capture device is listed; using the built-in demo groove at 124 BPM' }]);

    const missing = new RecordingLog();
    const other = autoOptions(DEVICES, { ok: true, reason: '' }, { device: 'motu' });
    expect(await createSource(parseInputSpec('auto'), other.options, missing)).toBeInstanceOf(DemoSource);
    expect(missing.lines).toHaveLength(1);
    expect(missing.lines[0]?.msg).toMatch(/^input auto: input device "motu" not found: available capture devices: .+; using the built-in demo groove at 124 BPM$/);
  });

  it('auto: a channel that cannot exist is a configuration error, not a reason for the demo', async () => {
    const { options } = autoOptions(DEVICES, { ok: true, reason: '' }, { channel: 5 });
    await expect(createSource(parseInputSpec('auto'), options, new RecordingLog())).rejects.toThrow('channel 5 is out of range');
  });
});
