import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface BenchDaemon {
  child: ChildProcess;
  port: number;
}

/**
 * The built daemon on the demo source, loopback only, every port chosen by the system and a fresh state folder,
 * as the benchmarks run it. `extraArgs` come last, so they win.
 */
export function startBenchDaemon(extraArgs: readonly string[] = []): Promise<BenchDaemon> {
  const state = mkdtempSync(join(tmpdir(), 'fractalsync-bench-'));
  const args = [CLI, 'serve', '--input', 'demo', '--port', '0', '--host', '127.0.0.1', '--osc-in-port', '0', '--oscquery-port', '0', '--state-dir', state, '--log-format', 'json', ...extraArgs];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the daemon did not start within ${String(START_TIMEOUT_MS / 1000)} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving on port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the daemon exited with code ${String(code)} before serving:\n${output}`));
    });
  });
}
