import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CONTRACT } from '../core/contract/contract.js';
import type { Milliseconds } from '../core/units.js';

/**
 * node-web-audio-api's getUserMedia panics when the capture stream cannot be opened, and the panic aborts the whole
 * process (SIGABRT: no exception to catch). Seen with no capture device and with an output-only card. So the same
 * request is tried first in a throwaway child process; only when it succeeds does the daemon make it itself.
 */
export interface ProbeResult {
  ok: boolean;
  /** Why it failed, in a line. */
  reason: string;
}

export type CaptureConstraints = { deviceId?: string; sampleRate?: number } | true;

const PROBE_TIMEOUT_MS: Milliseconds = 5000;

function libraryUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('node-web-audio-api')).href;
}

/** The last line of the child's stderr that says something (skipping stack frames and the Node version banner). */
function lastMessage(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Node.js v') && !l.startsWith('ALSA lib') && l !== '^');
  return lines.find((l) => /Error|error/.test(l)) ?? lines.at(-1);
}

/** Opens an AudioContext (as the capture does) and then the capture stream, in a child process. */
export function probeCapture(constraints: CaptureConstraints, timeoutMs: Milliseconds = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const script = [
    `import { AudioContext, mediaDevices } from ${JSON.stringify(libraryUrl())};`,
    'try {',
    `  new AudioContext({ sampleRate: ${CONTRACT.audio.sample_rate}, latencyHint: 'interactive' });`,
    `  await mediaDevices.getUserMedia({ audio: ${JSON.stringify(constraints)} });`,
    `  process.stdout.write('capture-ok\\n');`,
    '  process.exit(0);',
    '} catch (error) {',
    `  process.stdout.write(JSON.stringify({ error: String(error?.name ?? 'Error') + ': ' + String(error?.message ?? error) }) + '\\n');`,
    '  process.exit(2);',
    '}',
  ].join('\n');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `cannot start the capture probe: ${error.message}` });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && stdout.includes('capture-ok')) {
        resolve({ ok: true, reason: '' });
        return;
      }
      const thrown = /\{"error":.*\}/.exec(stdout);
      if (code === 2 && thrown) {
        resolve({ ok: false, reason: (JSON.parse(thrown[0]) as { error: string }).error });
        return;
      }
      const detail = lastMessage(stderr);
      if (signal === 'SIGKILL') resolve({ ok: false, reason: `opening the capture stream hung for ${timeoutMs} ms` });
      else if (signal) resolve({ ok: false, reason: `the audio library crashed opening the capture stream (${signal}${detail ? `: ${detail}` : ''}): no usable capture device` });
      else resolve({ ok: false, reason: detail ?? `the capture probe exited with code ${code}` });
    });
  });
}
