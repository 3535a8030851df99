import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { controlBanner, controlUrl, lanAddress } from '../control/control-banner.js';
import { startDaemon } from '../daemon.js';
import { createLogger, type Logger } from '../log.js';
import { parseOscFlag } from '../outputs/osc/config-targets.js';
import { parseChannel, parseDevice } from './flags.js';

interface ServeFlags {
  config?: string;
  port?: string;
  host?: string;
  input?: string;
  device?: string;
  channel?: string;
  loop: boolean;
  oscInPort?: string;
  oscIn: boolean;
  oscqueryPort?: string;
  oscquery: boolean;
  mdns: boolean;
  osc: string[];
  midi?: string;
  midiLatency?: string;
  stateDir?: string;
  controlToken?: string;
  logLevel?: Config['log']['level'];
  logFormat?: Config['log']['format'];
}

/** Command-line flags as the highest-precedence config layer; only flags actually given are set. */
/** A numeric flag as a number when it is one, else as given (so the config error names the text typed). */
const numeric = (text: string): number | string => (Number.isNaN(Number(text)) || text.trim() === '' ? text : Number(text));

function flagLayer(flags: ServeFlags): Record<string, Record<string, unknown>> {
  const layer: Record<string, Record<string, unknown>> = { server: {}, input: {}, osc: {}, oscquery: {}, midi: {}, control: {}, log: {} };
  if (flags.port !== undefined) layer.server = { ...layer.server, port: numeric(flags.port) };
  if (flags.oscInPort !== undefined) layer.osc = { ...layer.osc, in_port: numeric(flags.oscInPort) };
  if (!flags.oscIn) layer.osc = { ...layer.osc, in_enabled: false };
  if (flags.oscqueryPort !== undefined) layer.oscquery = { ...layer.oscquery, port: numeric(flags.oscqueryPort) };
  if (!flags.oscquery) layer.oscquery = { ...layer.oscquery, enabled: false };
  if (!flags.mdns) layer.oscquery = { ...layer.oscquery, mdns: false };
  // Targets given on the command line replace the config file's, for a quick setup without one.
  if (flags.osc.length > 0) layer.osc = { ...layer.osc, targets: flags.osc.map(parseOscFlag) };
  if (flags.midi !== undefined) layer.midi = { ...layer.midi, port: flags.midi };
  if (flags.stateDir !== undefined) layer.state = { dir: flags.stateDir };
  if (flags.controlToken !== undefined) layer.control = { token: flags.controlToken };
  if (flags.midiLatency !== undefined) layer.midi = { ...layer.midi, latency_ms: numeric(flags.midiLatency) };
  if (flags.host !== undefined) layer.server = { ...layer.server, host: flags.host };
  if (flags.input !== undefined) layer.input = { ...layer.input, source: flags.input };
  if (flags.device !== undefined) layer.input = { ...layer.input, device: parseDevice(flags.device) };
  if (flags.channel !== undefined) layer.input = { ...layer.input, channel: parseChannel(flags.channel) };
  if (!flags.loop) layer.input = { ...layer.input, loop: false };
  if (flags.logLevel !== undefined) layer.log = { ...layer.log, level: flags.logLevel };
  if (flags.logFormat !== undefined) layer.log = { ...layer.log, format: flags.logFormat };
  return layer;
}

function exitWith(message: string): never {
  process.stderr.write(`fractalsync: ${message}\n`);
  process.exit(2);
}

export function runServe(version: string) {
  return async (flags: ServeFlags): Promise<void> => {
    let config: Config;
    try {
      config = loadConfig({ file: flags.config, env: process.env, flags: flagLayer(flags) });
    } catch (error) {
      exitWith(error instanceof Error ? error.message : String(error));
    }
    const log: Logger = createLogger(config.log.level, config.log.format);
    // In a show the daemon keeps running: an unexpected error is logged, never allowed to end the process.
    process.on('uncaughtException', (error) => { log.error(`unexpected error (still running): ${error.stack ?? error.message}`); });
    process.on('unhandledRejection', (reason) => { log.error(`unhandled rejection (still running): ${String(reason)}`); });
    log.info(`FractalSync ${version} starting; input ${config.input.source}`);
    let daemon;
    try {
      daemon = await startDaemon(config, log, version, { oscTargetsFromFlags: flags.osc.length > 0 });
    } catch (error) {
      exitWith(error instanceof Error ? error.message : String(error));
    }
    const address = daemon.server.address();
    const port = typeof address === 'object' && address ? address.port : config.server.port;
    const shown = config.server.host === '0.0.0.0' || config.server.host === '::' ? 'localhost' : config.server.host;
    const { token, requireToken } = daemon.control;
    const lan = lanAddress(config.server.host);
    // The banner goes to the terminal, not the log: a JSON log collected elsewhere should not carry the PIN, except
    // at first start, when the VJ must see the new PIN somewhere.
    if (config.log.format === 'pretty' || token.source === 'generated') {
      process.stdout.write(await controlBanner(lan, port, token, requireToken));
    } else {
      log.info(`control surface: ${controlUrl(lan, port, undefined)} (PIN ${token.source === 'config' ? 'from the config' : `in ${token.path}`})`);
    }
    const source = daemon.engine.source;
    log.info(`input: ${source?.kind ?? '?'} "${source?.name ?? '?'}" at ${source?.nativeSampleRate ?? '?'} Hz, ${source?.channels ?? '?'} channel(s)`);
    log.info(`serving on port ${port}: visualizer http://${shown}:${port}/  control http://${shown}:${port}/control  state ws://${shown}:${port}/ws  status http://${shown}:${port}/api/status`);
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: stopping`);
      void daemon.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', () => { shutdown('SIGINT'); });
    process.on('SIGTERM', () => { shutdown('SIGTERM'); });
  };
}
