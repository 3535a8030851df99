#!/usr/bin/env node
import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import { runAnalyze } from './analyze.js';
import { runDevices } from './devices.js';
import { runServe } from './serve.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const program = new Command()
  .name('fractalsync')
  .description('Real-time VJ performance server: live audio in, musical time and control vectors out.')
  .version(version)
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('Run the daemon: analyse the input and serve the visualizer, control surface, /ws and /api.')
  .option('-c, --config <file>', 'YAML or JSON config file (default: $FRACTALSYNC_CONFIG)')
  .option('-p, --port <port>', 'HTTP and WebSocket port (config server.port, default 8787)')
  .option('--host <address>', 'address to bind (config server.host, default 0.0.0.0)')
  .option('-i, --input <source>', 'auto | demo | live | live:DEVICE | file:PATH (config input.source, default auto)')
  .option('--device <name|index>', 'capture device by name or index, see `fractalsync devices` (config input.device)')
  .option('--channel <mix|index>', 'input channel: mix (mono mix-down) or a 0-based channel (config input.channel)')
  .option('--no-loop', 'play a file input once instead of looping it (config input.loop)')
  .option('--osc-in-port <port>', 'UDP port of the OSC control input (config osc.in_port, default 9001)')
  .option('--no-osc-in', 'do not listen for OSC control messages (config osc.in_enabled)')
  .option('--oscquery-port <port>', 'HTTP port of OSCQuery discovery (config oscquery.port, default 8788)')
  .option('--no-oscquery', 'do not serve OSCQuery (config oscquery.enabled)')
  .option('--no-mdns', 'do not advertise OSCQuery over mDNS (config oscquery.mdns)')
  .option('--osc <host:port[:profile]>', 'send OSC to a target; profile generic (default), touchdesigner or resolume; repeatable (config osc.targets)', (value: string, previous: string[]) => [...previous, value], [] as string[])
  .option('--midi <port>', 'MIDI clock to a port: "virtual" or an existing port name (config midi.port)')
  .option('--state-dir <dir>', 'folder for run-time state such as OSC targets set through the API (config state.dir)')
  .option('--midi-latency <ms>', 'send MIDI clock this much earlier (config midi.latency_ms)')
  .option('--control-token <pin>', 'PIN or token the control surface and REST writes need (config control.token; default: generated once, kept in the state folder)')
  .addOption(new Option('--log-level <level>', 'log level (config log.level)').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal']))
  .addOption(new Option('--log-format <format>', 'log format (config log.format)').choices(['pretty', 'json']))
  .action(runServe(version));

program
  .command('devices')
  .description('List audio capture devices with the index and name that --device accepts.')
  .action(runDevices);

program
  .command('analyze')
  .description('Run the same causal pipeline as live input over an audio file, as fast as it goes.')
  .argument('<audio>', 'audio file (WAV, MP3, OGG or FLAC)')
  .option('--json <out.jsonl>', 'write one SlowState per line to this file ("-" for stdout)')
  .option('--beats <out.txt>', 'write one line per beat, "time_in_seconds beat_position" (1 = downbeat)')
  .option('--channel <mix|index>', 'channel to analyse: mix or a 0-based channel', 'mix')
  .option('--models <dir>', 'folder of the ONNX models to run (default: the models/ folder shipped with FractalSync)')
  .option('--no-models', 'run only the hand-written paths (DSP beat activation, manual control mapping)')
  .action(runAnalyze);

await program.parseAsync();
