import type { AudioSink, SourceEvent } from '../../src/audio/source.js';

/** A sink that keeps every block and event, with helpers to inspect them. */
export class RecordingSink implements AudioSink {
  readonly blocks: Float32Array[] = [];
  readonly events: SourceEvent[] = [];
  /** Wall time (by the given clock) of each block. */
  readonly times: number[] = [];

  constructor(private readonly now: () => number = () => 0) {}

  audio(block: Float32Array): void {
    this.blocks.push(block);
    this.times.push(this.now());
  }

  event(event: SourceEvent): void {
    this.events.push(event);
  }

  get samples(): number {
    return this.blocks.reduce((n, b) => n + b.length, 0);
  }

  joined(): Float32Array {
    const out = new Float32Array(this.samples);
    let offset = 0;
    for (const b of this.blocks) {
      out.set(b, offset);
      offset += b.length;
    }
    return out;
  }

  eventTypes(): string[] {
    return this.events.map((e) => e.type);
  }
}

export function sameSamples(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
