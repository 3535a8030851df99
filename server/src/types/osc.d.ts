/** The part of osc 2.4.5 (CommonJS, untyped) that FractalSync uses: packet encoding and decoding. */
declare module 'osc' {
  export type OscArgument = { type: 'i'; value: number } | { type: 'f'; value: number } | { type: 's'; value: string };
  export interface OscMessagePacket {
    address: string;
    args: OscArgument[];
  }
  export interface OscBundlePacket {
    /** NTP seconds since 1900 and 1/2^32 fractions. */
    timeTag: { raw: [number, number] };
    packets: OscMessagePacket[];
  }
  interface Osc {
    writePacket(packet: OscMessagePacket | OscBundlePacket, options: { metadata: true }): Uint8Array;
    readPacket(data: Uint8Array, options: { metadata: true }): unknown;
  }
  const osc: Osc;
  export default osc;
}
