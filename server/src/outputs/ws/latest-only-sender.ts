/** The part of a socket the sender needs; ws's WebSocket fits it through a small adapter. */
export interface Transport {
  send(data: Buffer | string, done: (err?: Error | null) => void): void;
  readonly bufferedAmount: number;
  isOpen(): boolean;
}

/**
 * Backpressure for one client: at most one state in flight and one pending, the newest replacing any older
 * pending one. A slow reader therefore gets the newest state and loses stale ones, and the memory held for a
 * client is bounded by two states plus small control replies, whatever the client does.
 */
export class LatestOnlySender {
  readonly #transport: Transport;
  readonly #maxBufferedBytes: number;
  #inFlight = false;
  #pending: Buffer | undefined;
  #sent = 0;
  #droppedStale = 0;
  #droppedReplies = 0;
  #errors = 0;

  constructor(transport: Transport, maxBufferedBytes: number) {
    if (!Number.isFinite(maxBufferedBytes) || maxBufferedBytes <= 0) {
      throw new Error(`maxBufferedBytes must be a positive number of bytes, got ${String(maxBufferedBytes)}`);
    }
    this.#transport = transport;
    this.#maxBufferedBytes = maxBufferedBytes;
  }

  get sent(): number {
    return this.#sent;
  }
  get droppedStale(): number {
    return this.#droppedStale;
  }
  get droppedReplies(): number {
    return this.#droppedReplies;
  }
  get errors(): number {
    return this.#errors;
  }
  get pending(): number {
    return this.#pending === undefined ? 0 : 1;
  }
  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** Queue a state; it replaces (drops) a pending one that has not gone out yet. */
  offerState(data: Buffer): void {
    if (this.#pending !== undefined) this.#droppedStale++;
    this.#pending = data;
    this.#flush();
  }

  /** Send a small control message (hello, pong, error) unless the socket is already backed up. */
  sendControl(data: string): boolean {
    if (!this.#transport.isOpen() || this.#transport.bufferedAmount > this.#maxBufferedBytes) {
      this.#droppedReplies++;
      return false;
    }
    this.#write(data, () => undefined);
    return true;
  }

  /** Forget the pending state, e.g. when the connection closes. */
  clear(): void {
    this.#pending = undefined;
  }

  #flush(): void {
    const data = this.#pending;
    if (this.#inFlight || data === undefined || !this.#transport.isOpen()) return;
    // Every byte counted here belongs to a write whose callback will call #flush again, so the pending state is not stranded.
    if (this.#transport.bufferedAmount > this.#maxBufferedBytes) return;
    this.#pending = undefined;
    this.#inFlight = true;
    this.#write(data, (ok) => {
      this.#inFlight = false;
      if (ok) this.#sent++;
    });
  }

  #write(data: Buffer | string, after: (ok: boolean) => void): void {
    let settled = false;
    const done = (err?: Error | null): void => {
      if (settled) return;
      settled = true;
      if (err) this.#errors++;
      after(!err);
      this.#flush();
    };
    try {
      this.#transport.send(data, done);
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
