import type { Logger } from '../log.js';
import { probeCapture, type CaptureConstraints, type ProbeResult } from './capture-probe.js';
import type { ChannelSelect } from './channel-mix.js';
import { DemoSource } from './demo-source.js';
import { listInputDevices, resolveInputDevice, type InputDevice } from './devices.js';
import { FileSource } from './file-source.js';
import { formatInputSpec, type InputSpec } from './input-spec.js';
import { LiveSource, type LiveSourceOptions } from './live-source.js';
import { OfflineSource } from './offline-source.js';
import type { AudioSource } from './source.js';
import type { Timers } from './timers.js';

export { parseInputSpec, type InputSpec } from './input-spec.js';

export interface CreateSourceOptions {
  /** Capture device for `live` and `auto` (a `live:DEVICE` spec wins). */
  device?: string | number | undefined;
  channel?: ChannelSelect;
  /** File playback starts again at the end. */
  loop?: boolean;
  /** false: a file is pushed through as fast as it is consumed (OfflineSource), for `fractalsync analyze`. */
  realtime: boolean;
  /** Overrides for the live source (capture backend, timers), for tests. */
  live?: Omit<LiveSourceOptions, 'device' | 'channel'>;
  /** Clock for file and demo playback, for tests. */
  timers?: Timers;
  /** How `auto` checks that the default device opens (a child process by default), for tests. */
  probe?: (constraints: CaptureConstraints) => Promise<ProbeResult>;
  listDevices?: () => Promise<InputDevice[]>;
}

type Log = Pick<Logger, 'info' | 'warn' | 'error'>;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The short cause for a log line: cpal's error kind (and its message unless that is boilerplate), else the whole reason. */
function shortReason(reason: string): string {
  const cpal = /cpal backend error during \w+: (\w+): (.+)$/.exec(reason);
  if (!cpal) return reason;
  const [, kind = '', message = ''] = cpal;
  return kind === 'DeviceUnavailable' ? kind : `${kind}: ${message}`;
}

/**
 * The source an `--input` spec names. `auto` takes the system's default capture device when one is listed and opens,
 * otherwise the demo groove, and says which and why in exactly one log line.
 */
export async function createSource(spec: InputSpec, options: CreateSourceOptions, log: Log): Promise<AudioSource> {
  const { channel = 'mix', realtime } = options;
  if (!realtime && spec.kind !== 'file') {
    throw new Error(`input "${formatInputSpec(spec)}" cannot be read offline (realtime: false): offline analysis needs file:PATH`);
  }
  const demo = (): DemoSource => new DemoSource(options.timers ? { timers: options.timers } : {});
  switch (spec.kind) {
    case 'file':
      if (!realtime) {
        if (options.loop) log.warn(`input ${formatInputSpec(spec)}: loop is ignored in offline analysis`);
        return OfflineSource.open(spec.path, { channel });
      }
      return FileSource.open(spec.path, { channel, loop: options.loop ?? false, ...(options.timers ? { timers: options.timers } : {}) });
    case 'demo':
      return demo();
    case 'live':
      return new LiveSource({ ...options.live, device: spec.device ?? options.device, channel });
    case 'auto':
      return autoSource(options, channel, demo, log);
  }
}

async function autoSource(options: CreateSourceOptions, channel: ChannelSelect, demo: () => DemoSource, log: Log): Promise<AudioSource> {
  const listDevices = options.listDevices ?? options.live?.listDevices ?? listInputDevices;
  const fallBack = (why: string): DemoSource => {
    const source = demo();
    log.warn(`input auto: ${why}; using the built-in demo groove at ${source.bpm} BPM`);
    return source;
  };
  let devices: InputDevice[];
  try {
    devices = await listDevices();
  } catch (error) {
    return fallBack(`cannot list capture devices (${shortReason(reasonOf(error))})`);
  }
  if (devices.length === 0) return fallBack('no capture device is listed');
  let device: InputDevice | undefined;
  try {
    device = resolveInputDevice(options.device, devices);
  } catch (error) {
    return fallBack(reasonOf(error));
  }
  const constraints: CaptureConstraints = device ? { deviceId: device.id } : true;
  const probe = await (options.probe ?? probeCapture)(constraints);
  if (!probe.ok) return fallBack(`no capture device available (${shortReason(probe.reason)})`);
  const source = new LiveSource({ ...options.live, listDevices, device: options.device, channel });
  log.info(`input auto: using ${device ? `capture device "${device.label}"` : "the system's default capture device"} (${devices.length} listed)`);
  return source;
}
