import type { Server } from 'node:http';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { StateBus } from './bus/state-bus.js';
import type { Config } from './config/schema.js';
import { startShowState } from './control/show-state.js';
import type { SceneSnapshot } from './control/scene-state.js';
import type { ControlToken } from './control/control-token.js';
import { startControlPaths } from './control/start-control.js';
import type { TransportCommand } from './control/transport-command.js';
import { StreamClock } from './control/stream-clock.js';
import type { BeatCommand } from './core/beat/commands.js';
import type { Seconds } from './core/units.js';
import { CONTRACT } from './core/contract/contract.js';
import { Engine } from './engine/engine.js';
import { createHttpApp } from './http/app.js';
import { beatRoutes } from './http/beat-routes.js';
import { requireControl } from './http/control-auth.js';
import { listen } from './http/listen.js';
import { SHIPPED_MODELS_DIR } from './engine/hop-models.js';
import { modelRoutes } from './http/model-routes.js';
import { transportRoutes } from './http/transport-routes.js';
import { outputRoutes } from './http/output-routes.js';
import { presetRoutes } from './http/preset-routes.js';
import { sceneRoutes } from './http/scene-routes.js';
import type { Logger } from './log.js';
import { attachMidiClock } from './outputs/midi/midi-clock.js';
import { startOscOutputs, stateDir } from './outputs/osc/start-osc-outputs.js';
import { serverNow } from './outputs/ws/protocol.js';
import { attachStateSocket } from './outputs/ws/ws-server.js';

export interface Daemon {
  readonly server: Server;
  readonly engine: Engine;
  readonly bus: StateBus;
  /** The control token and where it came from, for the start banner. */
  readonly control: { token: ControlToken; requireToken: boolean };
  stop(): Promise<void>;
}

export interface DaemonOptions {
  /** OSC targets came from --osc flags: they win over the stored list for this run. */
  oscTargetsFromFlags?: boolean;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** models.dir with ~ expanded, else the models/ folder shipped beside the server. */
function modelsDir(config: Config): string {
  return config.models.dir === undefined ? SHIPPED_MODELS_DIR : config.models.dir.replace(/^~(?=$|\/)/, homedir());
}

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
    {
      input: config.input.source,
      device: config.input.device,
      channel: config.input.channel,
      loop: config.input.loop,
      ...(config.models.enabled ? { modelsDir: modelsDir(config) } : {}),
      modelTimeoutMs: config.models.timeout_ms,
    },
    bus,
    log,
  );
  teardown.push(() => engine.stop());
  try {
    const show = await startShowState(config, stateDir(config), log);
    teardown.push(() => show.close());
    // The scene's control source (auto: the controller model when one runs; manual: the hand mapping) goes to the engine.
    const followScene = (snapshot: SceneSnapshot): void => {
      engine.setControlSource(snapshot.scene.control_source);
    };
    followScene(show.scene.current);
    teardown.push(show.scene.subscribe(followScene));
    const streamClock = new StreamClock();
    teardown.push(bus.subscribe((state) => {
      streamClock.observe(state.t, state.wall);
    }));
    const midi = config.midi.port === undefined ? undefined : attachMidiClock(bus, { port: config.midi.port, latencyMs: config.midi.latency_ms }, log);
    if (midi) teardown.push(() => midi.close());
    // Start goes out on the next downbeat (the clock arms it), so followers start on the bar.
    if (config.midi.autostart) midi?.start();
    const control = await startControlPaths(
      config,
      {
        beat: (command, timing) => {
          // A tap carries its stream time (when the finger touched, else when it arrived), so tap tempo is timed to
          // the millisecond rather than to the next hop.
          const t = command.type === 'tap' ? streamClock.streamTimeAt(timing.at ?? serverNow()) : undefined;
          const timed: BeatCommand & { t?: Seconds } = t === undefined ? command : { ...command, t };
          engine.command(timed);
          show.beatControls.record(command);
        },
        scene: (command) => {
          show.scene.apply(command);
        },
        ...(midi === undefined ? {} : { transport: (command: TransportCommand) => { midi[command.action](); } }),
      },
      log,
    );
    teardown.push(() => control.close());
    const osc = await startOscOutputs(config, bus, options.oscTargetsFromFlags === true, log);
    teardown.push(() => {
      osc.outputs.close();
    });

    const guard = requireControl(show.auth);
    const api = Router();
    api.use(beatRoutes(control.commands, guard));
    api.use(transportRoutes(control.commands, guard));
    api.use(sceneRoutes(show.scene, control.commands, guard));
    api.use(presetRoutes(show.presets, show.scene, guard));
    api.use(outputRoutes(osc.registry, guard));
    api.use(modelRoutes(engine, modelsDir(config), guard));
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
        ...show.status(),
        osc_out: osc.outputs.targets(),
        midi: midi?.status() ?? null,
        models: engine.models(),
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
      {
        maxPayload: config.ws.max_payload_bytes,
        clientMessageMaxBytes: config.ws.client_message_max_bytes,
        maxClients: config.ws.max_clients,
        control: { auth: show.auth, commands: control.commands, scene: show.scene, beatControls: show.beatControls },
      },
      log,
    );
    teardown.push(() => stateSocket.close());
    sockets.current = stateSocket;
    return { server, engine, bus, control: { token: show.token, requireToken: config.control.require_token }, stop: () => runTeardown(teardown) };
  } catch (error) {
    await runTeardown(teardown);
    throw error;
  }
}
