import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

// Children still running when the test process exits (a test that timed out, say) are killed, never orphaned.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export interface RunningDaemon {
  process: ChildProcess;
  port: number;
  /** The control token in force: the one given, or the one the daemon generated into its state folder. */
  token: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** The control token test daemons get unless a test asks for another (or for a generated one). */
export const TEST_CONTROL_TOKEN = 'test-control-0123';

export interface StartOptions {
  /** The --control-token to pass; null passes none, so the daemon uses its stored or generated one. */
  controlToken?: string | null;
}

/** Headers for a REST write: JSON body and the control token. */
export function controlHeaders(token: string): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

/** Starts `fractalsync serve` from the build on a free port; resolves when it logs its serving line. */
export async function startDaemon(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000, options: StartOptions = {}): Promise<RunningDaemon> {
  // A state folder of its own unless the test gives one (a later --state-dir wins).
  const state = mkdtempSync(join(tmpdir(), 'fractalsync-state-'));
  const given = args.includes('--control-token') ? args[args.indexOf('--control-token') + 1] : undefined;
  const token = options.controlToken === undefined ? TEST_CONTROL_TOKEN : options.controlToken;
  const tokenArgs = given !== undefined || token === null ? [] : ['--control-token', token];
  const child = track(spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--osc-in-port', '0', '--oscquery-port', '0', '--state-dir', state, '--log-format', 'json', ...tokenArgs, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`daemon did not start within ${timeoutMs} ms:\n${output}`)); }, timeoutMs);
    const check = (): void => {
      const match = /serving on port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with code ${code} before serving:\n${output}`));
    });
  });
  const stateDir = args.lastIndexOf('--state-dir') >= 0 ? (args[args.lastIndexOf('--state-dir') + 1] ?? state) : state;
  const inForce = given ?? token ?? (JSON.parse(readFileSync(join(stateDir, 'control.json'), 'utf8')) as { token: string }).token;
  return {
    process: child,
    port,
    token: inForce,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve(child.exitCode);
          return;
        }
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', (code) => {
          clearTimeout(kill);
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the CLI to completion; returns exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fractalsync ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface StateRecord {
  v: number;
  hop: number;
  t: number;
  wall: number;
  features: { rms: number; centroid: number; flux: number; zcr: number; onset: number; rolloff: number; bands: number[] };
  control_source?: 'model' | 'manual';
}

/** Connects to /ws and collects SlowStates until `until` says enough, or the timeout passes. */
export function collectStates(port: number, until: (states: StateRecord[]) => boolean, timeoutMs = 20_000): Promise<StateRecord[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const states: StateRecord[] = [];
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error(`collected ${states.length} states in ${timeoutMs} ms without meeting the condition`));
    }, timeoutMs);
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Partial<StateRecord> & { type?: string };
      if (message.type !== undefined) return;
      states.push(message as StateRecord);
      if (until(states)) {
        clearTimeout(timer);
        ws.close();
        resolve(states);
      }
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** A /ws connection that keeps every SlowState it receives until closed. */
export async function openStateStream(port: number): Promise<{ states: StateRecord[]; close: () => void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const states: StateRecord[] = [];
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as Partial<StateRecord> & { type?: string };
    if (message.type === undefined) states.push(message as StateRecord);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('error', reject);
  });
  return {
    states,
    close: () => {
      ws.close();
    },
  };
}

export interface StatusRecord {
  input: { source: { kind: string; name: string; nativeSampleRate: number } | null; state: string; message: string | null; level_rms: number; silent_fill_hops: number };
  processing: { hop: number; hops_per_second: number };
}

export async function fetchStatus(port: number): Promise<StatusRecord> {
  return (await (await fetch(`http://127.0.0.1:${port}/api/status`)).json()) as StatusRecord;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
