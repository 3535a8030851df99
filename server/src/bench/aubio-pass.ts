import { spawnSync } from 'node:child_process';

/**
 * aubio 0.4.9's beat tracker (`aubio beat`, Debian aubio-tools) on a WAV file, as a yardstick of this machine's
 * speed in the same run: seconds of audio per second of wall time, its start-up (timed on a 0.1 s file) taken
 * off. Null when aubio is not installed.
 */
export function aubioPass(wavPath: string, shortWavPath: string, seconds: number): number | null {
  const time = (path: string): number | null => {
    const start = performance.now();
    const result = spawnSync('aubio', ['beat', path], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (result.error !== undefined && 'code' in result.error && result.error.code === 'ENOENT') return null;
    if (result.status !== 0) throw new Error(`aubio beat ${path} failed: ${result.stderr || result.error?.message || `exit ${result.status}`}`);
    return performance.now() - start;
  };
  const whole = time(wavPath);
  const startUp = time(shortWavPath);
  if (whole === null || startUp === null) return null;
  return seconds / (Math.max(1e-3, whole - startUp) / 1000);
}
