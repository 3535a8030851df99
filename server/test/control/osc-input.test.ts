import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { promisify } from 'node:util';
import osc from 'osc';
import { afterEach, describe, expect, it } from 'vitest';
import { startOscInput, type OscInput } from '../../src/control/osc-input.js';
import { RecordingLog } from '../support/recording-log.js';
import { recordingHandler, sendTo, udpClient, waitForReceived } from './helpers.js';

const run = promisify(execFile);
const open: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function start(log = new RecordingLog()) {
  const { handler, sent } = recordingHandler(log);
  const input = await startOscInput({ host: '127.0.0.1', port: 0 }, handler, log);
  open.push(input);
  return { input, sent, log };
}

/** Sends one real OSC message with liblo's oscsend. */
async function oscsend(input: OscInput, address: string, types = '', ...values: string[]): Promise<void> {
  const before = input.stats().received;
  await run('oscsend', ['127.0.0.1', String(input.port), address, ...(types === '' ? [] : [types, ...values])]);
  await waitForReceived(input, before + 1);
}

describe('startOscInput', () => {
  it('turns real oscsend messages into commands: tap, nudge f, lock i, meter i', async () => {
    const { input, sent, log } = await start();
    await oscsend(input, '/fs/cmd/tap');
    await oscsend(input, '/fs/cmd/nudge', 'f', '-20');
    await oscsend(input, '/fs/cmd/nudge', 'i', '15');
    await oscsend(input, '/fs/cmd/lock', 'i', '1');
    await oscsend(input, '/fs/cmd/meter', 'i', '3');
    await oscsend(input, '/fs/cmd/meter', 'i', '0');
    await oscsend(input, '/fs/cmd/tap', 'f', '0'); // button release
    expect(sent).toEqual([
      { type: 'tap' }, { type: 'nudge', ms: -20 }, { type: 'nudge', ms: 15 }, { type: 'lock', on: true },
      { type: 'meter', beatsPerBar: 3 }, { type: 'meter', beatsPerBar: undefined },
    ]);
    expect(input.stats()).toEqual({ received: 7, oversized: 0, malformed: 0, accepted: 6, rejected: 0, ignored: 1 });
    expect(log.lines).toEqual([{ level: 'info', msg: `OSC control input listening on udp://127.0.0.1:${input.port}` }]);
  });

  it('rejects bad arguments and out-of-range values, warning with the reason', async () => {
    const { input, sent, log } = await start();
    await oscsend(input, '/fs/cmd/nudge', 's', 'soon');
    await oscsend(input, '/fs/cmd/nudge', 'f', '900');
    await oscsend(input, '/fs/cmd/unknown');
    expect(sent).toEqual([]);
    expect(input.stats()).toMatchObject({ received: 3, accepted: 0, rejected: 3 });
    const warnings = log.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1); // throttled: one per 10 s
    expect(warnings[0]?.msg).toContain('/fs/cmd/nudge expects one number: milliseconds from -500 to 500; got s "soon"');
  });

  it('handles every message of a bundle, nested bundles too', async () => {
    const { input, sent } = await start();
    const client = udpClient();
    open.push(client);
    const bundle = osc.writePacket(
      {
        timeTag: { raw: [0, 1] },
        packets: [
          { address: '/fs/cmd/downbeat', args: [] },
          { address: '/fs/cmd/nudge', args: [{ type: 'f', value: 5 }] },
          { address: '/fs/cmd/double', args: [{ type: 'i', value: 1 }] },
        ],
      },
      { metadata: true },
    );
    await sendTo(client, input.port, bundle);
    await waitForReceived(input, 1);
    expect(sent).toEqual([{ type: 'downbeat' }, { type: 'nudge', ms: 5 }, { type: 'double' }]);
    expect(input.stats()).toMatchObject({ received: 1, accepted: 3 });
  });

  it('counts malformed and oversize packets, warns once, and keeps working', async () => {
    const { input, sent, log } = await start();
    const client = udpClient();
    open.push(client);
    await sendTo(client, input.port, new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    await sendTo(client, input.port, new TextEncoder().encode('/fs/cmd/nudge\0\0\0,f\0\0'));
    await sendTo(client, input.port, new Uint8Array(5000));
    await waitForReceived(input, 3);
    expect(input.stats()).toMatchObject({ received: 3, malformed: 2, oversized: 1, accepted: 0 });
    const warnings = log.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/OSC packet from 127\.0\.0\.1:\d+ \(4 bytes\) dropped: malformed OSC packet/);
    await oscsend(input, '/fs/cmd/half');
    expect(sent).toEqual([{ type: 'half' }]);
  });

  it('rejects a port in use with a message naming the flag and config key', async () => {
    const taken = createSocket('udp4');
    open.push(taken);
    const port = await new Promise<number>((resolve) => {
      taken.bind(0, '127.0.0.1', () => {
        resolve(taken.address().port);
      });
    });
    const log = new RecordingLog();
    await expect(startOscInput({ host: '127.0.0.1', port }, recordingHandler(log).handler, log)).rejects.toThrow(
      `UDP port ${port} on 127.0.0.1 is already in use; choose another with --osc-in-port or the osc.in_port config key`,
    );
    await expect(startOscInput({ host: '127.0.0.1', port: 70000 }, recordingHandler(log).handler, log)).rejects.toThrow(
      'OSC input port must be an integer from 0 to 65535, got 70000',
    );
  });
});
