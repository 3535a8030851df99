import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { advertiseOverMdns, type MdnsAdvertisement } from '../../src/outputs/oscquery/mdns-advertiser.js';
import { RecordingLog } from '../support/recording-log.js';
import { waitFor } from '../support/jack.js';
import { browseMdns } from '../support/mdns-query.js';

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
    advert = advertiseOverMdns({ name, oscQueryPort: 18788 }, log);
    await waitFor(() => log.lines.some((line) => line.msg.includes('mDNS: advertising')), 10_000, 'the advertisement');
    const records = await browseMdns('_oscjson._tcp.local', 1000);
    const pointer = records.find((r) => r.type === 12 && r.name === '_oscjson._tcp.local' && r.target?.startsWith(name) === true);
    expect(pointer, JSON.stringify(records)).toBeDefined();
    const srv = records.find((r) => r.type === 33 && r.name === pointer?.target);
    expect(srv?.port).toBe(18788);
    await advert.close();
    advert = undefined;
    const after = await browseMdns('_oscjson._tcp.local', 600);
    expect(after.some((r) => r.target?.startsWith(name) === true)).toBe(false);
  });
});
