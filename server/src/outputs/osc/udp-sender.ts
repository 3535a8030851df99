import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';

/**
 * A connected UDP socket to one target: the host is resolved once at connect, not on every send, so a beat
 * is not delayed by a DNS lookup. Errors (unresolvable host, ICMP port unreachable) go to `onError`, never thrown.
 */
export class UdpSender {
  readonly #socket: dgram.Socket;
  #connected = false;
  #closed = false;
  readonly #onError: (err: Error) => void;

  constructor(host: string, port: number, onError: (err: Error) => void) {
    this.#onError = onError;
    this.#socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    this.#socket.on('error', (err) => {
      onError(err);
    });
    this.#socket.connect(port, host, () => {
      this.#connected = true;
    });
  }

  /** False when the datagram could not be handed to the socket (not connected yet, or closed). */
  send(bytes: Uint8Array): boolean {
    if (!this.#connected || this.#closed) return false;
    try {
      this.#socket.send(bytes, (err) => {
        if (err) this.#onError(err);
      });
      return true;
    } catch (err) {
      this.#onError(err instanceof Error ? err : new Error(String(err)));
      return false;
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close();
  }
}
