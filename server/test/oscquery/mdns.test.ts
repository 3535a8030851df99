import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { advertiseOverMdns, type MdnsAdvertisement } from '../../src/outputs/oscquery/mdns-advertiser.js';
import { RecordingLog } from '../support/recording-log.js';
import { waitFor } from '../support/jack.js';
import { browseMdns } from '../support/mdns-query.js';
import { fetchStatus, startDaemon } from '../support/daemon.js';

// mDNS needs a multicast-capable interface; loopback alone has none.
const HAS_LAN = Object.values(networkInterfaces()).some((list) => list?.some((a) => a.family === 'IPv4' && !a.internal));

describe.skipIf(!HAS_LAN)('mDNS advertisement of OSCQuery', () => {
  let advert: MdnsAdvertisement | undefined;
  afterEach(async () => {
    await advert?.close();
  });

  it('answers a _oscjson._tcp query with the instance and its port, then says goodbye', async () => {
    const log = new RecordingLog();
    const name = `FractalSync test ${process.pid}`;
    advert = advertiseOverMdns({ name, oscQueryPort: 18788, host: '0.0.0.0' }, log);
    await waitFor(() => log.lines.some((line) => line.msg.includes('mDNS: advertising')), 10_000, 'the advertisement');
    const records = await browseMdns('_oscjson._tcp.local', 1000);
    const pointer = records.find((r) => r.type === 12 && r.name === '_oscjson._tcp.local' && r.target?.startsWith(name) === true);
    expect(pointer, JSON.stringify(records)).toBeDefined();
    const srv = records.find((r) => r.type === 33 && r.name === pointer?.target);
    expect(srv?.port).toBe(18788);
    await advert?.close();
    advert = undefined;
    const after = await browseMdns('_oscjson._tcp.local', 600);
    expect(after.some((r) => r.target?.startsWith(name) === true)).toBe(false);
  });
});

describe('mDNS and the bind address', () => {
  it('does not advertise a server that only listens on loopback, and says why', () => {
    const log = new RecordingLog();
    expect(advertiseOverMdns({ name: 'x', oscQueryPort: 1, host: '127.0.0.1' }, log)).toBeUndefined();
    expect(log.lines.some((l) => l.msg.includes('OSCQuery listens on 127.0.0.1'))).toBe(true);
  });
});

describe.skipIf(!HAS_LAN)('the daemon advertises OSCQuery when it listens on every interface', () => {
  it('shows the advertised name in /api/status and answers a browse', async () => {
    const daemon = await startDaemon(['--input', 'demo', '--host', '0.0.0.0']);
    try {
      let name: string | null = null;
      await waitFor(async () => {
        const status = (await fetchStatus(daemon.port)) as unknown as { oscquery: { port: number; mdns: string | null } };
        name = status.oscquery.mdns;
        return daemon.output().includes('mDNS: advertising');
      }, 15_000, 'the daemon to advertise');
      expect(name).toMatch(/^FractalSync on /);
      const records = await browseMdns('_oscjson._tcp.local', 1000);
      expect(records.some((r) => r.type === 12 && r.target?.startsWith(name ?? '?') === true)).toBe(true);
    } finally {
      await daemon.stop();
    }
  });
});
