import { createSocket } from 'node:dgram';

/** A record of an mDNS answer, enough to check a DNS-SD advertisement: PTR targets and SRV ports. */
export interface DnsRecord {
  name: string;
  type: number;
  /** PTR: the instance name it points to. */
  target?: string;
  /** SRV: the service port. */
  port?: number;
}

const PTR = 12;
const SRV = 33;

function encodeName(name: string): Buffer {
  const labels = name.split('.').map((label) => Buffer.concat([Buffer.from([Buffer.byteLength(label)]), Buffer.from(label)]));
  return Buffer.concat([...labels, Buffer.from([0])]);
}

/** Reads a possibly compressed name at `offset`; returns it and the offset after it in the original stream. */
function readName(packet: Buffer, offset: number): [string, number] {
  const labels: string[] = [];
  let at = offset;
  let end = -1;
  for (let jumps = 0; jumps < 32; jumps += 1) {
    const length = packet.readUInt8(at);
    if (length === 0) return [labels.join('.'), end === -1 ? at + 1 : end];
    if ((length & 0xc0) === 0xc0) {
      if (end === -1) end = at + 2;
      at = packet.readUInt16BE(at) & 0x3fff;
      continue;
    }
    labels.push(packet.toString('utf8', at + 1, at + 1 + length));
    at += 1 + length;
  }
  throw new Error('DNS name has too many compression jumps');
}

export function parseRecords(packet: Buffer): DnsRecord[] {
  const questions = packet.readUInt16BE(4);
  const records = packet.readUInt16BE(6) + packet.readUInt16BE(8) + packet.readUInt16BE(10);
  let at = 12;
  for (let i = 0; i < questions; i += 1) at = readName(packet, at)[1] + 4;
  const out: DnsRecord[] = [];
  for (let i = 0; i < records; i += 1) {
    const [name, next] = readName(packet, at);
    const type = packet.readUInt16BE(next);
    const length = packet.readUInt16BE(next + 8);
    const data = next + 10;
    const record: DnsRecord = { name, type };
    if (type === PTR) record.target = readName(packet, data)[0];
    if (type === SRV) record.port = packet.readUInt16BE(data + 4);
    out.push(record);
    at = data + length;
  }
  return out;
}

/** Asks the local network (unicast-response bit set) for PTR records of `service`; collects answers for `ms`. */
export async function browseMdns(service: string, ms: number): Promise<DnsRecord[]> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const records: DnsRecord[] = [];
  socket.on('message', (packet) => {
    try {
      records.push(...parseRecords(packet));
    } catch {
      // Another host's packet we cannot read says nothing about ours.
    }
  });
  await new Promise<void>((resolve) => { socket.bind(0, resolve); });
  const header = Buffer.from([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  const query = Buffer.concat([header, encodeName(service), Buffer.from([0, PTR, 0x80, 1])]);
  socket.send(query, 5353, '224.0.0.251');
  await new Promise((resolve) => setTimeout(resolve, ms));
  socket.close();
  return records;
}
