import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { defaultConfig } from '../config/schema.js';
import { startDaemon } from '../daemon.js';
import { silentLogger } from '../log.js';
import { startClockWorker } from '../outputs/midi/midi-clock.js';
import type { BeatSample } from '../outputs/midi/tick-scheduler.js';
import { percentile } from './stats.js';

/**
 * `node server/dist/bench/midi-timing.js`: MIDI tick timing against the ideal grid, from the real clock worker
 * (echo port), fed a synthetic beat clock at 120 then 174 BPM, while the daemon analyses the demo groove
 * and serves 50 WebSocket clients in this process. Error = actual send time - ideal tick time - (-latency).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = 50;
const LATENCY_MS = 15;
const HOP_MS = 1000 / 46.875;
const WARMUP_MS = 1000;
const wall = (): number => performance.timeOrigin + performance.now();

async function measure(bpm: number): Promise<{ ticks: number; medianMs: number; p99Ms: number; maxMs: number }> {
  const errors: number[] = [];
  const origin = wall() + 200;
  const beatMs = 60000 / bpm;
  // Exact synthetic tracker: beat position (origin + b * beatMs) from beat 4 on, so counts stay positive.
  const sample = (t: number): BeatSample => {
    const pos = Math.max(0, (t - origin) / beatMs + 4);
    const beatCount = Math.floor(pos);
    return { wall: t, spb: beatMs / 1000, phase: pos - beatCount, beatCount, beatInBar: (beatCount % 4) + 1, beatsPerBar: 4 };
  };
  const clock = startClockWorker(
    {
      port: { kind: 'echo' },
      latencyMs: LATENCY_MS,
      onSent: (bytes, _at, sentAt) => {
        if (bytes[0] !== 0xf8 || sentAt < origin + WARMUP_MS) return;
        const tick = ((sentAt + LATENCY_MS - origin) / beatMs + 4) * 24;
        errors.push(Math.abs(tick - Math.round(tick)) * (beatMs / 24));
      },
    },
    silentLogger,
  );
  if ((await clock.opened) !== 'running') throw new Error('the MIDI clock worker did not start');
  const feed = setInterval(() => { clock.send({ type: 'beat', beat: sample(wall()) }); }, HOP_MS);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  clearInterval(feed);
  await clock.close();
  return { ticks: errors.length, medianMs: percentile(errors, 50), p99Ms: percentile(errors, 99), maxMs: Math.max(...errors) };
}

const config = defaultConfig();
config.input.source = 'demo';
config.server.port = 0;
config.server.host = '127.0.0.1';
const daemon = await startDaemon(config, silentLogger, 'bench');
const { port } = daemon.server.address() as AddressInfo;
let received = 0;
const clients = await Promise.all(
  Array.from({ length: CLIENTS }, () => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    ws.on('message', (data: Buffer) => { received += data.length > 0 ? 1 : 0; });
    ws.once('open', () => { resolve(ws); });
    ws.once('error', reject);
  })),
);
const results: string[] = [];
for (const bpm of [120, 174]) {
  const r = await measure(bpm);
  results.push(`MIDI ticks at ${bpm} BPM: error vs ideal grid median ${(r.medianMs * 1000).toFixed(0)} µs, p99 ${(r.p99Ms * 1000).toFixed(0)} µs, max ${(r.maxMs * 1000).toFixed(0)} µs over ${r.ticks} ticks`);
}
const perClient = received / CLIENTS;
for (const ws of clients) ws.close();
await daemon.stop();
process.stdout.write(`${results.join('\n')}\nload: demo analysis + ${CLIENTS} WebSocket clients (${perClient.toFixed(0)} states each over ${2 * SECONDS} s)\n`);
