import dgram from 'node:dgram';
import osc from 'osc';
import { StateBus } from '../bus/state-bus.js';
import type { SlowState } from '../core/state/slow-state.js';
import { silentLogger } from '../log.js';
import { attachOscOutputs } from '../outputs/osc/osc-output.js';
import { UdpSender } from '../outputs/osc/udp-sender.js';
import { percentile } from './stats.js';

/**
 * `node server/dist/bench/osc-timing.js [SECONDS] [LATENCY_MS]`: a synthetic bus at 124 BPM feeds a real
 * attachOscOutputs (generic profile) sending to a local UDP receiver. For each /fs/beat the receive time is
 * compared with (true beat time - latency); the error includes the send, loopback and receive dispatch.
 */
const seconds = Number(process.argv[2] ?? 20);
const latencyMs = Number(process.argv[3] ?? 30);
const bpm = 124;
const spbMs = 60_000 / bpm;
const hopMs = (1024 / 48000) * 1000;
const now = (): number => performance.timeOrigin + performance.now();

const receiver = dgram.createSocket('udp4');
await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
const start = now() + 200;
const errors: number[] = [];
const sendErrors: number[] = [];
/** Error of a /fs/beat datagram handled at `at`, or undefined for other datagrams. */
function beatError(bytes: Uint8Array, at: number): number | undefined {
  const packet = osc.readPacket(bytes, { metadata: true }) as { address?: string; args?: { value: number }[] };
  const count = packet.args?.[0]?.value;
  return packet.address === '/fs/beat' && count !== undefined ? at - (start + count * spbMs - latencyMs) : undefined;
}
receiver.on('message', (bytes) => {
  const e = beatError(bytes, now());
  if (e !== undefined) errors.push(e);
});

const bus = new StateBus();
const outputs = attachOscOutputs(bus, [{ id: 'bench', host: '127.0.0.1', port: receiver.address().port, profile: 'generic', latencyMs }], silentLogger, {
  openSink: (target, onError) => {
    const udp = new UdpSender(target.host, target.port, onError);
    return {
      send(bytes) {
        const e = beatError(bytes, now());
        if (e !== undefined) sendErrors.push(e);
        return udp.send(bytes);
      },
      close: () => {
        udp.close();
      },
    };
  },
});
let hop = 0;
const timer = setInterval(() => {
  const wall = now();
  const beats = (wall - start) / spbMs;
  const beatCount = Math.floor(beats);
  const state: SlowState = {
    v: 1,
    hop,
    t: (hop * 1024) / 48000,
    wall,
    features: { rms: 0.1, centroid: 1000, flux: 0, zcr: 0.05, onset: 0, rolloff: 3000, bands: [0, 0, 0, 0, 0, 0] },
    beat: {
      bpm,
      spb: spbMs / 1000,
      phase: beats - beatCount,
      beat_in_bar: (((beatCount % 4) + 4) % 4) + 1,
      beats_per_bar: 4,
      bar_phase: ((((beatCount % 4) + 4) % 4) + beats - beatCount) / 4,
      beat_count: beatCount,
      bar_count: Math.floor(beatCount / 4),
      conf: 1,
      downbeat_prob: 1,
    },
  };
  hop++;
  bus.publish({ hop: state.hop, t: state.t, wall, json: JSON.stringify(state) });
}, hopMs);

await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
clearInterval(timer);
const status = outputs.targets();
outputs.close();
receiver.close();
process.stdout.write(`OSC beat timing: ${String(sendErrors.length)} beats at ${String(bpm)} BPM over ${String(seconds)} s, latency ${String(latencyMs)} ms\n`);
for (const [name, list] of [['send', sendErrors], ['receive', errors]] as const) {
  const abs = list.map(Math.abs);
  process.stdout.write(`${name} time - (predicted beat - latency), ms: median ${percentile(list, 50).toFixed(3)}, p99 |error| ${percentile(abs, 99).toFixed(3)}, max |error| ${Math.max(...abs).toFixed(3)}\n`);
}
process.stdout.write(`status: ${JSON.stringify(status)}\n`);
