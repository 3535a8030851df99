import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { StateBus } from './bus/state-bus.js';
import type { Config } from './config/schema.js';
import { CONTRACT } from './core/contract/contract.js';
import { Engine } from './engine/engine.js';
import { createHttpApp } from './http/app.js';
import { beatRoutes } from './http/beat-routes.js';
import { startControlPaths } from './control/start-control.js';
import { attachMidiClock } from './outputs/midi/midi-clock.js';
import { oscTargetsFromConfig } from './outputs/osc/config-targets.js';
import { attachOscOutputs } from './outputs/osc/osc-output.js';
import { validateOscTargets, type OscTarget } from './outputs/osc/osc-target.js';
import { OscTargetRegistry } from './outputs/osc/target-registry.js';
import { outputRoutes } from './http/output-routes.js';
import { JsonStore } from './store/json-store.js';
import { Router } from 'express';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { listen } from './http/listen.js';
import type { Logger } from './log.js';
import { attachStateSocket } from './outputs/ws/ws-server.js';

export interface Daemon {
  readonly server: Server;
  readonly engine: Engine;
  readonly bus: StateBus;
  stop(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts analysis, HTTP and WebSocket: the whole daemon of `fractalsync serve`. */
export interface DaemonOptions {
  /** OSC targets came from --osc flags: they win over the stored list for this run. */
  oscTargetsFromFlags?: boolean;
}

/** The state folder with ~ expanded. */
function stateDir(config: Config): string {
  return config.state.dir.replace(/^~(?=$|\/)/, homedir());
}

export async function startDaemon(config: Config, log: Logger, version: string, options: DaemonOptions = {}): Promise<Daemon> {
  const startedAt = Date.now();
  const bus = new StateBus();
  const engine = await Engine.start(
    { input: config.input.source, device: config.input.device, channel: config.input.channel, loop: config.input.loop },
    bus,
    log,
  );
  let control;
  try {
    control = await startControlPaths(
      config,
      (command) => {
        engine.command(command);
      },
      log,
    );
  } catch (error) {
    await engine.stop();
    throw error;
  }
  const controlPaths = control;
  const targetStore = new JsonStore<OscTarget[]>(join(stateDir(config), 'osc-targets.json'), (value) => {
    if (!Array.isArray(value)) throw new Error('expected a list of OSC targets');
    return validateOscTargets(value);
  });
  let oscOut;
  let registry;
  try {
    const configured = validateOscTargets(oscTargetsFromConfig(config.osc.targets));
    const initial = options.oscTargetsFromFlags === true ? configured : await OscTargetRegistry.initial(targetStore, configured, log);
    oscOut = attachOscOutputs(bus, initial, log);
    registry = new OscTargetRegistry(initial, oscOut, targetStore);
  } catch (error) {
    await controlPaths.close();
    await engine.stop();
    throw error;
  }
  const oscOutputs = oscOut;
  const api = Router();
  api.use(beatRoutes(controlPaths.commands));
  api.use(outputRoutes(registry));
  const midi = config.midi.port === undefined ? undefined : attachMidiClock(bus, { port: config.midi.port, latencyMs: config.midi.latency_ms }, log);
  // Start goes out on the next downbeat (the clock arms it), so followers start on the bar.
  if (config.midi.autostart) midi?.start();
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
      ...controlPaths.status(),
      osc_out: oscOutputs.targets(),
      midi: midi?.status() ?? null,
    }),
    contract: CONTRACT,
    api,
    staticDirs: { visualizer: `${repoRoot}visualizer/dist`, controlSurface: `${repoRoot}control-surface/dist` },
    log,
  });
  let server: Server;
  try {
    server = await listen(app, { host: config.server.host, port: config.server.port }, log);
  } catch (error) {
    oscOutputs.close();
    await midi?.close();
    await controlPaths.close();
    await engine.stop();
    throw error;
  }
  const stateSocket = attachStateSocket(
    server,
    bus,
    { maxPayload: config.ws.max_payload_bytes, clientMessageMaxBytes: config.ws.client_message_max_bytes, maxClients: config.ws.max_clients },
    log,
  );
  sockets.current = stateSocket;
  return {
    server,
    engine,
    bus,
    async stop() {
      await stateSocket.close();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
      oscOutputs.close();
      await midi?.close();
      await controlPaths.close();
      await engine.stop();
    },
  };
}
