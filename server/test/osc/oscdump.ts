import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeMessage } from '../../src/outputs/osc/osc-message.js';

/** A free UDP port on 127.0.0.1: bind to port 0, read it, close. */
export async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

export interface DumpLine {
  /** The timetag oscdump prints: the bundle's, or the receive time for a plain message. */
  ntp: [number, number];
  address: string;
  types: string;
  args: string[];
}

function parseLine(line: string): DumpLine | undefined {
  const m = /^([0-9a-f]{8})\.([0-9a-f]{8}) (\S+) (\S*) ?(.*)$/.exec(line);
  if (!m) return undefined;
  return { ntp: [parseInt(m[1] ?? '', 16), parseInt(m[2] ?? '', 16)], address: m[3] ?? '', types: m[4] ?? '', args: (m[5] ?? '').split(' ').filter((a) => a !== '') };
}

/** Debian's oscdump (liblo-tools) on a free port, as the real receiver; lines are parsed as they arrive. */
export class OscDump {
  readonly lines: DumpLine[] = [];
  readonly #child: ChildProcess;
  #buffer = '';

  private constructor(readonly port: number) {
    this.#child = spawn('oscdump', ['-L', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.#child.stdout?.setEncoding('utf8');
    this.#child.stdout?.on('data', (chunk: string) => {
      this.#buffer += chunk;
      const parts = this.#buffer.split('\n');
      this.#buffer = parts.pop() ?? '';
      for (const p of parts) {
        const line = parseLine(p);
        if (line) this.lines.push(line);
      }
    });
  }

  /** Starts oscdump and waits until it answers a probe message. */
  static async start(): Promise<OscDump> {
    const dump = new OscDump(await freeUdpPort());
    const probe = dgram.createSocket('udp4');
    const bytes = encodeMessage({ address: '/probe', args: [] });
    try {
      for (let i = 0; i < 100 && !dump.lines.some((l) => l.address === '/probe'); i++) {
        probe.send(bytes, dump.port, '127.0.0.1');
        await sleep(20);
      }
    } finally {
      probe.close();
    }
    if (!dump.lines.some((l) => l.address === '/probe')) throw new Error('oscdump did not start');
    dump.lines.length = 0;
    return dump;
  }

  of(address: string): DumpLine[] {
    return this.lines.filter((l) => l.address === address);
  }

  async waitFor(pred: () => boolean, ms = 3000): Promise<void> {
    for (let waited = 0; !pred(); waited += 10) {
      if (waited > ms) throw new Error(`timed out; got ${this.lines.map((l) => `${l.address} ${l.args.join(' ')}`).join('; ')}`);
      await sleep(10);
    }
  }

  stop(): void {
    this.#child.kill();
  }
}
