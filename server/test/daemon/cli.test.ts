import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startDaemon } from '../support/daemon.js';
import { OscDump } from '../osc/oscdump.js';
import { analyze } from '../support/pipeline.js';
import { writeWav } from '../support/wav.js';

const SR = 48000;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fractalsync-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('fractalsync serve refuses bad input with a message that names it', () => {
  const cases: { name: string; args: string[]; env?: Record<string, string>; message: RegExp }[] = [
    { name: 'missing audio file', args: ['--input', 'file:/no/such/file.wav'], message: /audio file not found: \/no\/such\/file\.wav/ },
    { name: 'unknown device', args: ['--input', 'live:NoSuchCard'], message: /"NoSuchCard"/ },
    { name: 'bad port flag', args: ['--port', '70000'], message: /server\.port \(from command line\): 70000 is not allowed; expected an integer from 0 to 65535/ },
    { name: 'bad environment value', args: [], env: { FRACTALSYNC_SERVER_PORT: 'abc' }, message: /server\.port \(from FRACTALSYNC_SERVER_PORT\): "abc" is not allowed/ },
    { name: 'bad input form', args: ['--input', 'bogus'], message: /input\.source .*"bogus" is not allowed; expected one of auto, demo, live/ },
    { name: 'bad channel', args: ['--channel', 'left'], message: /--channel left is not allowed; expected "mix" or a channel index/ },
  ];
  for (const { name, args, env, message } of cases) {
    it(name, async () => {
      // A free port unless the case is about the port itself (a flag would override the environment).
      const port = args.includes('--port') || env ? ['--osc-in-port', '0', '--oscquery-port', '0'] : ['--port', '0', '--osc-in-port', '0', '--oscquery-port', '0'];
      const { code, stderr } = await runCli(['serve', ...port, ...args], env);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    });
  }

  it('corrupt audio file', async () => {
    const path = join(dir, 'corrupt.wav');
    writeFileSync(path, Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEnot really audio at all'));
    const { code, stderr } = await runCli(['serve', '--port', '0', '--osc-in-port', '0', '--oscquery-port', '0', '--input', `file:${path}`]);
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot decode audio file ${path}`);
  });

  it('config file with an unknown key', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'server:\n  prot: 9000\n');
    const { code, stderr } = await runCli(['serve', '--config', path, '--osc-in-port', '0', '--oscquery-port', '0']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/server\.prot.*did you mean server\.port/s);
  });

  it('a port already in use', async () => {
    const first = await startDaemon(['--input', 'demo']);
    try {
      const { code, stderr } = await runCli(['serve', '--input', 'demo', '--host', '127.0.0.1', '--port', String(first.port), '--osc-in-port', '0', '--oscquery-port', '0']);
      expect(code).toBe(2);
      expect(stderr).toContain(`port ${first.port} on 127.0.0.1 is already in use`);
    } finally {
      await first.stop();
    }
  });
});

describe('OSC output from the daemon to a real receiver', () => {
  it('sends beats and continuous values to oscdump with --osc HOST:PORT', async () => {
    const dump = await OscDump.start();
    const daemon = await startDaemon(['--input', 'demo', '--osc', `127.0.0.1:${dump.port}`]);
    try {
      await dump.waitFor(() => dump.of('/fs/beat').length >= 3 && dump.of('/fs/bpm').length >= 10, 15_000);
      const beat = dump.of('/fs/beat').at(-1);
      expect(beat?.types).toBe('iif');
      const counts = dump.of('/fs/beat').map((l) => Number(l.args[0]));
      for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1] ?? Infinity);
      expect(dump.of('/fs/features/rms').length).toBeGreaterThan(5);
      const status = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/status`)).json()) as { osc_out: { sent: number; errors: number }[] };
      expect(status.osc_out[0]?.sent).toBeGreaterThan(0);
      expect(status.osc_out[0]?.errors).toBe(0);
    } finally {
      await daemon.stop();
      dump.stop();
    }
  });

  it('refuses a malformed --osc target, naming the expected form', async () => {
    const { code, stderr } = await runCli(['serve', '--port', '0', '--osc-in-port', '0', '--oscquery-port', '0', '--osc', 'localhost']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--osc localhost is not allowed; expected HOST:PORT or HOST:PORT:PROFILE/);
  });
});

describe('MIDI clock on a machine without a MIDI system', () => {
  it('says so once and keeps serving', async () => {
    const daemon = await startDaemon(['--input', 'demo', '--midi', 'virtual']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const status = (await (await fetch(`http://127.0.0.1:${daemon.port}/api/status`)).json()) as { midi: { state: string } | null; processing: { hop: number } };
      expect(status.processing.hop).toBeGreaterThan(20);
      expect(status.midi).not.toBeNull();
      expect(daemon.output().match(/no MIDI system/g)?.length).toBe(1);
    } finally {
      await daemon.stop();
    }
  });
});

describe('fractalsync analyze', () => {
  it('writes one SlowState per hop, from the same pipeline as live input', async () => {
    const samples = new Float32Array(SR * 2 + 500);
    for (let n = 0; n < samples.length; n++) samples[n] = 0.4 * Math.sin((2 * Math.PI * 750 * n) / SR) * (n > SR ? 1 : 0.25);
    const wav = writeWav(join(dir, 'tone.wav'), [samples], SR, 'float32');
    const out = join(dir, 'tone.jsonl');
    const { code, stderr } = await runCli(['analyze', wav, '--json', out]);
    expect(code, stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(Math.floor(samples.length / 1024));
    const states = lines.map((line) => JSON.parse(line) as { v: number; hop: number; t: number; features: { rms: number; centroid: number } });
    states.forEach((state, i) => {
      expect(state.v).toBe(1);
      expect(state.hop).toBe(i + 1);
    });
    // The same numbers as the in-process pipeline, hop for hop.
    const rows = await analyze(samples);
    const rmsIndex = 2;
    states.forEach((state, i) => {
      expect(Math.abs(state.features.rms - (rows[i]?.[rmsIndex] ?? NaN))).toBeLessThan(1e-7);
    });
    expect(states.at(-1)?.features.centroid).toBeCloseTo(750, -1);
  });

  it('writes beats with the same causal path: the first 30 s give the same beats before 29 s as the whole file', async () => {
    const { DemoGroove } = await import('../../src/core/synth/demo-groove.js');
    const groove = new DemoGroove({ bpm: 126 });
    const whole = new Float32Array(SR * 45);
    groove.render(whole);
    const wholeWav = writeWav(join(dir, 'groove-45.wav'), [whole], SR, 'float32');
    const partWav = writeWav(join(dir, 'groove-30.wav'), [whole.subarray(0, SR * 30)], SR, 'float32');
    const read = async (wav: string, name: string): Promise<string[]> => {
      const out = join(dir, name);
      const { code, stderr } = await runCli(['analyze', wav, '--beats', out]);
      expect(code, stderr).toBe(0);
      return readFileSync(out, 'utf8').trim().split('\n');
    };
    const before29 = (lines: string[]): string[] => lines.filter((line) => Number(line.split(' ')[0]) < 29);
    const wholeBeats = await read(wholeWav, 'whole.txt');
    const partBeats = await read(partWav, 'part.txt');
    expect(before29(partBeats)).toEqual(before29(wholeBeats));
    expect(before29(wholeBeats).length).toBeGreaterThan(50);
    for (const line of wholeBeats) expect(line).toMatch(/^\d+\.\d{4} [1-7]$/);
  });

  it('refuses a missing file', async () => {
    const { code, stderr } = await runCli(['analyze', '/no/such.wav', '--json', join(dir, 'x.jsonl')]);
    expect(code).toBe(1);
    expect(stderr).toContain('audio file not found: /no/such.wav');
  });
});
