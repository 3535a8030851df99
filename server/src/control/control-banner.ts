import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';
import type { ControlToken } from './control-token.js';

const PRIVATE_V4 = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

/**
 * The address a tablet on the same network reaches: the bound address when it is a specific one, else the first
 * private IPv4 address of this machine (the venue Wi-Fi or a travel router), else any external IPv4, else localhost.
 */
export function lanAddress(boundHost: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string {
  if (boundHost !== '0.0.0.0' && boundHost !== '::') return boundHost;
  const external = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
  return external.find((a) => PRIVATE_V4.test(a)) ?? external[0] ?? 'localhost';
}

/** The URL that opens the control surface already signed in; the token is left out when none is needed. */
export function controlUrl(host: string, port: number, token: string | undefined): string {
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}/control`;
  return token === undefined ? base : `${base}?token=${encodeURIComponent(token)}`;
}

/** The start banner: URL, PIN and a terminal QR code of the URL, so the tablet can open it with its camera. */
export async function controlBanner(host: string, port: number, token: ControlToken, requireToken: boolean): Promise<string> {
  const url = controlUrl(host, port, requireToken ? token.token : undefined);
  const qr = await QRCode.toString(url, { type: 'terminal', small: true });
  const pin = !requireToken
    ? 'no PIN needed (control.require_token is off)'
    : token.source === 'config'
      ? `PIN ${token.token} (from the config)`
      : `PIN ${token.token} (${token.source === 'generated' ? 'new, ' : ''}kept in ${token.path})`;
  return `\nControl surface: scan the code or open on the tablet\n  ${url}\n  ${pin}\n${qr}\n`;
}
