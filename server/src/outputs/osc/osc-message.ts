import osc from 'osc';
import type { Milliseconds } from '../../core/units.js';

/** An explicitly typed OSC argument, so ints stay ints and floats floats on the wire. */
export type OscArg = { type: 'i'; value: number } | { type: 'f'; value: number } | { type: 's'; value: string };

export interface OscMessage {
  address: string;
  args: OscArg[];
  /** A TouchDesigner pulse: the output sends this address again with f 0 one update later. */
  pulse?: true;
}

/** NTP time: seconds since 1900 and fractions of 1/2^32 s. */
export type NtpTime = [number, number];

const NTP_EPOCH_OFFSET_S = 2_208_988_800;
const TWO_32 = 2 ** 32;
/** The OSC timetag that means "now". */
export const NTP_IMMEDIATELY: NtpTime = [0, 1];

export const int = (value: number): OscArg => ({ type: 'i', value: Math.trunc(value) });
export const float = (value: number): OscArg => ({ type: 'f', value });
export const str = (value: string): OscArg => ({ type: 's', value });

/** Server wall time (ms since the Unix epoch) as an NTP timetag; the fraction never rounds up to 2^32. */
export function wallToNtp(wall: Milliseconds): NtpTime {
  const secs = Math.floor(wall / 1000);
  const frac = Math.min(TWO_32 - 1, Math.round((wall / 1000 - secs) * TWO_32));
  return [secs + NTP_EPOCH_OFFSET_S, frac];
}

/** NTP timetag back to ms since the Unix epoch. */
export function ntpToWall([secs, frac]: NtpTime): Milliseconds {
  return (secs - NTP_EPOCH_OFFSET_S + frac / TWO_32) * 1000;
}

export function encodeMessage(message: OscMessage): Uint8Array {
  return osc.writePacket({ address: message.address, args: message.args }, { metadata: true });
}

export function encodeBundle(messages: readonly OscMessage[], timeTag: NtpTime): Uint8Array {
  const packets = messages.map((m) => ({ address: m.address, args: m.args }));
  return osc.writePacket({ timeTag: { raw: timeTag }, packets }, { metadata: true });
}
