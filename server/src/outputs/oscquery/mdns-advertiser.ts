import { hostname } from 'node:os';
import ciao, { type CiaoService, type Responder } from '@homebridge/ciao';
import type { Logger } from '../../log.js';

export interface MdnsOptions {
  /** Instance name as browsers list it; the responder renames it (e.g. "… (2)") if another host has it. */
  name: string;
  /** HTTP port of the OSCQuery server, advertised as `_oscjson._tcp`; its HOST_INFO names the OSC input port. */
  oscQueryPort: number;
  /** The address the OSCQuery server binds to: only that address is advertised (all for 0.0.0.0 or ::). */
  host: string;
}

export interface MdnsAdvertisement {
  /** The instance name advertised now (it may change on a conflict). */
  name(): string;
  close(): Promise<void>;
}

const SERVICE = '_oscjson._tcp';

export function defaultInstanceName(): string {
  return `FractalSync on ${hostname()}`;
}

/**
 * Advertises the OSCQuery server over mDNS as `_oscjson._tcp`, as the Vidvox proposal asks, so TouchDesigner,
 * Chataigne, VDMX or MadMapper find FractalSync without typed addresses. Probing takes about a second and runs in
 * the background; a network without multicast is logged once and the daemon carries on.
 */
export function advertiseOverMdns(options: MdnsOptions, log: Logger): MdnsAdvertisement | undefined {
  if (isLoopback(options.host)) {
    log.info(`mDNS: not advertising ${SERVICE}: OSCQuery listens on ${options.host}, which no other machine can reach`);
    return undefined;
  }
  const anyAddress = options.host === '0.0.0.0' || options.host === '::';
  let responder: Responder | undefined;
  let service: CiaoService | undefined;
  let name = options.name;
  const unavailable = (error: unknown): void => {
    log.warn(`mDNS: could not advertise ${SERVICE} (${error instanceof Error ? error.message : String(error)}); discovery is off, OSCQuery still answers on port ${options.oscQueryPort}`);
  };
  try {
    responder = ciao.getResponder();
    // ciao's default protocol is TCP, which is what OSCQuery (HTTP) needs.
    service = responder.createService({
      name,
      type: 'oscjson',
      port: options.oscQueryPort,
      txt: { txtvers: '1' },
      ...(anyAddress ? {} : { restrictedAddresses: [options.host] }),
    });
    service.on('name-change', (changed) => {
      name = changed;
      log.info(`mDNS: ${SERVICE} renamed to "${changed}" (another host uses the name)`);
    });
    service.advertise().then(() => {
      log.info(`mDNS: advertising "${name}" as ${SERVICE} on port ${options.oscQueryPort}`);
    }, unavailable);
  } catch (error) {
    unavailable(error);
  }
  let closing: Promise<void> | undefined;
  return {
    name: () => name,
    close() {
      closing ??= (async () => {
        // Goodbye packets first, so browsers drop the entry at once instead of at TTL expiry.
        await service?.end().catch(() => undefined);
        await service?.destroy().catch(() => undefined);
        await responder?.shutdown().catch(() => undefined);
      })();
      return closing;
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
