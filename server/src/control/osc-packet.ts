import osc from 'osc';
import type { OscArgument, OscMessage } from './osc-args.js';

/** Control messages are a few dozen bytes; anything far larger is not for us. */
export const MAX_OSC_PACKET_BYTES = 4096;

function isArgument(value: unknown): value is OscArgument {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && 'value' in value;
}

function collect(packet: unknown, out: OscMessage[]): void {
  if (typeof packet !== 'object' || packet === null) throw new Error('decoded packet is not a message or bundle');
  const record = packet as Record<string, unknown>;
  if (typeof record.address === 'string') {
    const args = record.args;
    if (!Array.isArray(args) || !args.every(isArgument)) throw new Error(`message ${record.address} has unreadable arguments`);
    out.push({ address: record.address, args });
    return;
  }
  if (!Array.isArray(record.packets)) throw new Error('decoded packet is neither a message nor a bundle');
  for (const inner of record.packets as unknown[]) collect(inner, out);
}

/**
 * Decodes one UDP datagram into its messages (a bundle's messages in order, nested bundles flattened).
 * Throws naming what was wrong: oversize, or the decoder's own complaint about the bytes.
 */
export function decodeOscPacket(bytes: Uint8Array, maxBytes: number = MAX_OSC_PACKET_BYTES): OscMessage[] {
  if (bytes.byteLength > maxBytes) throw new Error(`OSC packet of ${bytes.byteLength} bytes is over the ${maxBytes}-byte limit`);
  let packet: unknown;
  try {
    packet = osc.readPacket(bytes, { metadata: true });
  } catch (error) {
    throw new Error(`malformed OSC packet: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const messages: OscMessage[] = [];
  collect(packet, messages);
  return messages;
}
