import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { StateBus } from '../../src/bus/state-bus.js';
import type { SlowState } from '../../src/core/state/slow-state.js';
import { ntpToWall } from '../../src/outputs/osc/osc-message.js';
import { attachOscOutputs, type OscOutputs } from '../../src/outputs/osc/osc-output.js';
import type { OscTargetOptions } from '../../src/outputs/osc/osc-target.js';
import { RecordingLog } from '../support/recording-log.js';
import { beatState, slowState } from './helpers.js';
import { freeUdpPort, OscDump } from './oscdump.js';

const now = (): number => performance.timeOrigin + performance.now();
const structure = { section: 'chorus', section_probs: [0, 0, 0.1, 0, 0.7, 0.1, 0.1, 0], hazard: [0.1, 0.2, 0.3, 0.6, 0.9], boundary_in: 8 };
let dump: OscDump | undefined;
let outputs: OscOutputs | undefined;

afterEach(() => {
  outputs?.close();
  dump?.stop();
  outputs = undefined;
  dump = undefined;
});

/** Attaches one target to a fresh bus and waits for its socket to connect. */
async function setup(target: Omit<OscTargetOptions, 'id' | 'host' | 'port'>, port?: number) {
  const bus = new StateBus();
  const log = new RecordingLog();
  dump = port === undefined ? await OscDump.start() : undefined;
  outputs = attachOscOutputs(bus, [{ id: 't', host: '127.0.0.1', port: port ?? dump?.port ?? 0, ...target }], log);
  await sleep(50);
  let hop = 1000;
  /** Publishes a state whose next beat is `msToBeat` from now. */
  const publish = (over: Partial<SlowState> = {}, msToBeat = 80): number => {
    const wall = now();
    const state = slowState({ hop: hop++, wall, beat: beatState({ phase: 1 - msToBeat / 500 }), ...over });
    bus.publish({ hop: state.hop, t: state.t, wall, json: JSON.stringify(state) });
    return wall + msToBeat;
  };
  return { bus, log, publish, dump: dump ?? undefined };
}

describe('OSC output to a real receiver (oscdump)', () => {
  it('generic: typed continuous values, section, one beat per beat_count', async () => {
    const { publish, dump: d } = await setup({ profile: 'generic', latencyMs: 20 });
    if (!d) throw new Error('no oscdump');
    publish({ structure, control: [0.5, 0.25, 1, 0, 0, 0, 0, 0, 0], c: [-0.75, 0.125] });
    await sleep(30);
    publish({ structure }, 50);
    await d.waitFor(() => d.of('/fs/beat').length > 0 && d.of('/fs/c').length > 0);
    await sleep(100);
    expect(d.of('/fs/beat').map((l) => `${l.types} ${l.args.join(' ')}`)).toEqual(['iif 11 3 120.000000']);
    expect(d.of('/fs/phase')[0]?.types).toBe('f');
    expect(d.of('/fs/hazard')[0]?.args).toEqual(['0.100000', '0.200000', '0.300000', '0.600000', '0.900000']);
    expect(d.of('/fs/section').map((l) => l.args.join(' '))).toEqual(['"chorus" 0.700000']);
    expect(d.of('/fs/boundary').map((l) => `${l.types} ${l.args.join(' ')}`)).toEqual(['i 8']);
    expect(d.of('/fs/control/alpha')[0]?.args).toEqual(['0.250000']);
    expect(d.of('/fs/c')[0]?.args).toEqual(['-0.750000', '0.125000']);
    expect(d.of('/fs/features/band_5')[0]?.args).toEqual(['6.000000']);
    expect(d.of('/fs/downbeat')).toHaveLength(0);
  });

  it('touchdesigner: one float per address, beat as a 1-then-0 pulse', async () => {
    const { publish, dump: d } = await setup({ profile: 'touchdesigner', rateHz: 46.875 });
    if (!d) throw new Error('no oscdump');
    publish({ structure, c: [-0.75, 0.125] }, 30);
    for (let i = 0; i < 6; i++) {
      await sleep(21);
      publish({ structure, beat: beatState({ phase: 0.1 + i * 0.04, beat_count: 11, beat_in_bar: 3 }) });
    }
    await d.waitFor(() => d.of('/fs/beat').length >= 2);
    expect(d.of('/fs/beat').map((l) => `${l.types} ${l.args.join(' ')}`)).toEqual(['f 1.000000', 'f 0.000000']);
    expect(d.of('/fs/hazard/4')[0]?.args).toEqual(['0.900000']);
    expect(d.of('/fs/c/re')[0]?.args).toEqual(['-0.750000']);
    expect(d.lines.every((l) => l.types === 'f')).toBe(true);
  });

  it('resolume: tempo as (bpm-20)/480 and resync on the downbeat', async () => {
    const { publish, dump: d } = await setup({ profile: 'resolume', mappings: [{ signal: 'features.rms', address: '/composition/master', inMin: 0, inMax: 0.5, outMin: 0, outMax: 1, curve: 'linear' }] });
    if (!d) throw new Error('no oscdump');
    publish({ beat: beatState({ phase: 0.9, beat_in_bar: 4, bpm: 140 }) });
    await d.waitFor(() => d.of('/composition/tempocontroller/resync').length > 0);
    expect(d.of('/composition/tempocontroller/tempo')[0]?.args).toEqual(['0.250000']);
    expect(d.of('/composition/tempocontroller/resync')[0]?.types).toBe('i');
    expect(d.of('/composition/master')[0]?.args).toEqual(['0.500000']);
  });

  it('bundles: a beat bundle carries the predicted beat time minus latency as its timetag', async () => {
    const { publish, dump: d } = await setup({ profile: 'generic', latencyMs: 25, bundles: true });
    if (!d) throw new Error('no oscdump');
    const beatAt = publish({}, 100);
    await d.waitFor(() => d.of('/fs/downbeat').length > 0 || d.of('/fs/beat').length > 0);
    const line = d.of('/fs/beat')[0];
    if (!line) throw new Error('no beat');
    // Tolerance: one NTP fraction step plus float rounding of the wall time, far below a millisecond.
    expect(Math.abs(ntpToWall(line.ntp) - (beatAt - 25))).toBeLessThan(0.01);
    // Continuous bundles are timetagged "immediately"; liblo prints the receive time for those, about now.
    const phase = d.of('/fs/phase')[0];
    if (!phase) throw new Error('no phase');
    expect(Math.abs(ntpToWall(phase.ntp) - beatAt)).toBeLessThan(1000);
  });

  it('counts and logs a send error once, never throws', async () => {
    const port = await freeUdpPort();
    const { publish, log } = await setup({ profile: 'generic', rateHz: 46.875 }, port);
    for (let i = 0; i < 10; i++) {
      publish();
      await sleep(10);
    }
    const status = outputs?.targets()[0];
    expect(status?.errors).toBeGreaterThan(0);
    expect(status?.last_error).toMatch(/ECONNREFUSED/);
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });
});
