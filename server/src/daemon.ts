import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { StateBus } from './bus/state-bus.js';
import type { Config } from './config/schema.js';
import { startControlPaths } from './control/start-control.js';
import { CONTRACT } from './core/contract/contract.js';
import { Engine } from './engine/engine.js';
import { createHttpApp } from './http/app.js';
import { beatRoutes } from './http/beat-routes.js';
import { listen } from './http/listen.js';
import { outputRoutes } from './http/output-routes.js';
import type { Logger } from './log.js';
import { attachMidiClock } from './outputs/midi/midi-clock.js';
import { startOscOutputs } from './outputs/osc/start-osc-outputs.js';
import { attachStateSocket } from './outputs/ws/ws-server.js';

export interface Daemon {
  readonly server: Server;
  readonly engine: Engine;
  readonly bus: StateBus;
  stop(): Promise<void>;
}

export interface DaemonOptions {
  /** OSC targets came from --osc flags: they win over the stored list for this run. */
  oscTargetsFromFlags?: boolean;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

type Step = () => void | Promise<void>;

/** Stops what has started, newest first: on a failure during start, and on stop(). */
async function runTeardown(steps: Step[]): Promise<void> {
  for (const step of steps.splice(0).reverse()) await step();
}

/** Starts analysis, control paths, outputs, HTTP and WebSocket: the whole daemon of `fractalsync serve`. */
export async function startDaemon(config: Config, log: Logger, version: string, options: DaemonOptions = {}): Promise<Daemon> {
  const startedAt = Date.now();
  const teardown: Step[] = [];
  const bus = new StateBus();
  const engine = await Engine.start(
    { input: config.input.source, device: config.input.device, channel: config.input.channel, loop: config.input.loop },
    bus,
    log,
  );
  teardown.push(() => engine.stop());
  try {
    const control = await startControlPaths(
      config,
      (command) => {
        engine.command(command);
      },
      log,
    );
    teardown.push(() => control.close());
    const osc = await startOscOutputs(config, bus, options.oscTargetsFromFlags === true, log);
    teardown.push(() => {
      osc.outputs.close();
    });
    const midi = config.midi.port === undefined ? undefined : attachMidiClock(bus, { port: config.midi.port, latencyMs: config.midi.latency_ms }, log);
    if (midi) teardown.push(() => midi.close());
    // Start goes out on the next downbeat (the clock arms it), so followers start on the bar.
    if (config.midi.autostart) midi?.start();

    const api = Router();
    api.use(beatRoutes(control.commands));
    api.use(outputRoutes(osc.registry));
    // The status handler reads the socket's clients once it is attached, after the server listens.
    const sockets: { current?: ReturnType<typeof attachStateSocket> } = {};
    const app = createHttpApp({
      status: () => ({
        version,
        uptime_s: (Date.now() - startedAt) / 1000,
        server: { host: config.server.host, port: config.server.port },
        ...engine.status(),
        clients: sockets.current?.clients() ?? [],
        ws: sockets.current?.stats() ?? null,
        ...control.status(),
        osc_out: osc.outputs.targets(),
        midi: midi?.status() ?? null,
      }),
      contract: CONTRACT,
      api,
      staticDirs: { visualizer: `${repoRoot}visualizer/dist`, controlSurface: `${repoRoot}control-surface/dist` },
      log,
    });
    const server = await listen(app, { host: config.server.host, port: config.server.port }, log);
    teardown.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        }),
    );
    const stateSocket = attachStateSocket(
      server,
      bus,
      { maxPayload: config.ws.max_payload_bytes, clientMessageMaxBytes: config.ws.client_message_max_bytes, maxClients: config.ws.max_clients },
      log,
    );
    teardown.push(() => stateSocket.close());
    sockets.current = stateSocket;
    return { server, engine, bus, stop: () => runTeardown(teardown) };
  } catch (error) {
    await runTeardown(teardown);
    throw error;
  }
}
