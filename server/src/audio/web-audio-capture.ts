import { spawn } from 'node:child_process';
import { CONTRACT } from '../core/contract/contract.js';
import type { Hz, Milliseconds } from '../core/units.js';
import { captureHostScript, type CaptureHostMessage, type CaptureHostRequest } from './capture-host-script.js';

/** What LiveSource asks of a capture backend; the real one is node-web-audio-api in a child process, tests pass a fake. */
export interface CaptureRequest {
  /** node-web-audio-api deviceId; undefined opens the system's default capture device. */
  deviceId: string | undefined;
  /** Channels to take from the device. */
  channels: number;
  /** 'speakers' up/down-mixes the device's layout to `channels` (for a mix); 'discrete' keeps channel k as channel k. */
  interpretation: 'speakers' | 'discrete';
  /** Called with one array per channel; the arrays are only valid during the call. */
  onBlock(channelData: Float32Array[]): void;
}

export interface Capture {
  /** Rate of the delivered blocks: 48 kHz unless the device cannot run at it. */
  readonly sampleRate: Hz;
  /** Releases the device. */
  close(): Promise<void>;
}

export type OpenCapture = (request: CaptureRequest) => Promise<Capture>;

const BLOCK = CONTRACT.audio.hop;
const OPEN_TIMEOUT_MS: Milliseconds = 5000;

/** The last line of the host's stderr that says something (skipping stack frames and ALSA's chatter). */
function lastMessage(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Node.js v') && !l.startsWith('ALSA lib') && l !== '^');
  return lines.find((l) => /panicked|Error|error/.test(l)) ?? lines.at(-1);
}

/**
 * Captures through node-web-audio-api in a child process. The library can abort its whole process (a panic when a
 * stream cannot open, seen with no device and with an output-only card, and intermittently around a JACK restart),
 * and a context whose audio server died never closes. In a child, an abort ends only the child: LiveSource's
 * watchdog sees the blocks stop and opens a new one, and close() is a kill that always completes.
 */
export const openWebAudioCapture: OpenCapture = (request) => {
  const hostRequest: CaptureHostRequest = { deviceId: request.deviceId, channels: request.channels, interpretation: request.interpretation };
  const child = spawn(process.execPath, ['--input-type=module', '-e', captureHostScript()], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, FRACTALSYNC_CAPTURE: JSON.stringify(hostRequest) },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));

  const blockBytes = BLOCK * 4 * request.channels;
  let pending: Buffer = Buffer.alloc(0);
  const channels = Array.from({ length: request.channels }, () => new Float32Array(BLOCK));
  child.stdout?.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= blockBytes) {
      const block = new Float32Array(pending.buffer.slice(pending.byteOffset, pending.byteOffset + blockBytes));
      channels.forEach((channel, c) => { channel.set(block.subarray(c * BLOCK, (c + 1) * BLOCK)); });
      request.onBlock(channels);
      pending = pending.subarray(blockBytes);
    }
  });

  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise<Capture>((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      void kill();
      reject(new Error(reason));
    };
    const timer = setTimeout(() => { fail(`opening the capture stream hung for ${OPEN_TIMEOUT_MS} ms`); }, OPEN_TIMEOUT_MS);
    child.on('message', (message: CaptureHostMessage) => {
      if (message.type === 'error') fail(message.reason);
      else {
        clearTimeout(timer);
        resolve({ sampleRate: message.sampleRate, close: kill });
      }
    });
    child.once('exit', (code, signal) => {
      const detail = lastMessage(stderr);
      if (signal) fail(`the audio library crashed opening the capture stream (${signal}${detail ? `: ${detail}` : ''})`);
      else fail(detail ?? `the capture host exited with code ${code}`);
    });
    child.once('error', (error) => { fail(`cannot start the capture host: ${error.message}`); });
  });
};
