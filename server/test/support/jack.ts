/**
 * A real JACK server for live-input tests: `jackd -d dummy` under a server name of its own (so it never meets another
 * JACK server on the machine), with helpers to feed a WAV file into this process's capture ports, and to kill it.
 * Names come from a small fixed set: JACK's shared registry holds 8 servers and frees a SIGKILLed server's entry only
 * when a server of the same name starts again, so one name per test run would soon fill it.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

function installed(binary: string): boolean {
  try {
    execFileSync('which', [binary], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Live tests are skipped only when jackd itself is missing (it is installed here and in CI). */
export const HAS_JACKD = installed('jackd');

const SLOTS = 4;

/** True when `pid` is `ancestor` or a process below it (read from /proc). */
function descendsFrom(pid: number, ancestor: number): boolean {
  for (let current = pid, depth = 0; current > 1 && depth < 16; depth++) {
    if (current === ancestor) return true;
    try {
      const stat = readFileSync(`/proc/${current}/stat`, 'utf8');
      current = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return false;
    }
  }
  return false;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it returns true or `timeoutMs` passes; throws `what` on timeout. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export interface Player {
  /** Resolves when jack-play exits (at the end of the file or when stopped). */
  readonly exited: Promise<void>;
  stop(): void;
}

export class JackServer {
  private process: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly players = new Set<ChildProcess>();
  private readonly previousServer = process.env.JACK_DEFAULT_SERVER;
  private log = '';

  private constructor(
    readonly name: string,
    readonly sampleRate: number,
    readonly period: number,
  ) {}

  /** Starts jackd and makes this process's audio library use it (JACK_DEFAULT_SERVER). */
  static async start(options: { sampleRate?: number; period?: number } = {}): Promise<JackServer> {
    for (let slot = 0; ; slot++) {
      const server = new JackServer(`fractalsync-test-${slot}`, options.sampleRate ?? 48000, options.period ?? 1024);
      try {
        await server.launch();
      } catch (error) {
        // Another test run holds this name: take the next one.
        if (slot < SLOTS - 1 && error instanceof Error && error.message.includes('already active')) continue;
        throw error;
      }
      process.env.JACK_DEFAULT_SERVER = server.name;
      process.env.JACK_NO_START_SERVER = '1';
      return server;
    }
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, JACK_DEFAULT_SERVER: this.name, JACK_NO_START_SERVER: '1' };
  }

  /** (Re)starts jackd under the same name and waits until jack_lsp answers. */
  async launch(sampleRate = this.sampleRate): Promise<void> {
    if (this.process) throw new Error('jackd is already running');
    const child = spawn('jackd', ['-n', this.name, '-d', 'dummy', '-r', String(sampleRate), '-p', String(this.period)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: this.env(),
    });
    this.process = child;
    this.log = '';
    child.stdout.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.log += d.toString()));
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    void this.exited.then(() => {
      if (this.process === child) this.process = undefined;
    });
    await waitFor(async () => {
      if (!this.process) throw new Error(`jackd exited at start:\n${this.log}`);
      return (await this.ports().catch(() => undefined)) !== undefined;
    }, 10_000, `jackd "${this.name}" to answer jack_lsp`);
  }

  get running(): boolean {
    return this.process !== undefined;
  }

  async ports(): Promise<string[]> {
    const { stdout } = await run('jack_lsp', [], { env: this.env(), timeout: 3000 });
    return stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  }

  /**
   * Capture ports opened by process `pid` (default: this one) or any process below it: capture runs in a child
   * process of the daemon. cpal names its client after the capturing pid; a reopened one gets a -NN suffix.
   */
  async capturePorts(pid = process.pid): Promise<string[]> {
    const pattern = /^cpal_client_(\d+)_in(-\d+)?:in_\d+$/;
    return (await this.ports()).filter((p) => {
      const match = pattern.exec(p);
      return match !== null && descendsFrom(Number(match[1]), pid);
    });
  }

  /** Plays a (mono) WAV file into every capture port of process `pid` (default: this one); resolves once connected. */
  async playWav(path: string, pid = process.pid): Promise<Player> {
    const targets = await this.capturePorts(pid);
    if (targets.length === 0) throw new Error(`no capture ports of process ${pid} on JACK server ${this.name}`);
    const clientName = `fs-play-${this.players.size + 1}-${Date.now() % 100000}`;
    const player = spawn('jack-play', ['-u', '-n', clientName, path], { stdio: 'ignore', env: this.env() });
    this.players.add(player);
    const exited = new Promise<void>((resolve) => {
      player.once('exit', () => {
        resolve();
      });
    });
    void exited.then(() => this.players.delete(player));
    const out = `${clientName}:out_1`;
    await waitFor(async () => (await this.ports()).includes(out), 5000, `jack-play port ${out}`);
    // A short-lived probe's ports may vanish in between: one connection is enough.
    const connected = await Promise.allSettled(targets.map((port) => run('jack_connect', [out, port], { env: this.env(), timeout: 3000 })));
    if (!connected.some((result) => result.status === 'fulfilled')) throw new Error(`could not connect ${out} to any of ${targets.join(', ')}`);
    return { exited, stop: () => player.kill('SIGKILL') };
  }

  /** Kills jackd at once (SIGKILL), the way a crashed audio server vanishes, and waits for it to be gone. */
  async kill(): Promise<void> {
    this.stopPlayers();
    this.process?.kill('SIGKILL');
    await this.exited;
  }

  /** Stops jackd cleanly (SIGTERM, so it leaves JACK's registry; SIGKILL after 5 s) and waits for it to be gone. */
  async stop(): Promise<void> {
    this.stopPlayers();
    const child = this.process;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }

  private stopPlayers(): void {
    for (const player of this.players) player.kill('SIGKILL');
  }

  /** Stops jackd and every player, and restores the environment. Safe to call twice. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.previousServer === undefined) delete process.env.JACK_DEFAULT_SERVER;
    else process.env.JACK_DEFAULT_SERVER = this.previousServer;
  }
}
