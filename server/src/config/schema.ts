import { z } from 'zod';

/**
 * The canonical definition of every configuration key: type, allowed values, default and
 * documentation. Adding a key is one line here; the env variable, JSON Schema, error messages
 * and the README table all derive from it. Keys are snake_case, as written in the YAML file.
 */

/** Allowed forms of `input.source`; also shown by editors through the JSON Schema. */
export const INPUT_SOURCE_FORMS = 'one of auto, demo, live, live:DEVICE (a device name or index) or file:PATH';
const INPUT_SOURCE_PATTERN = /^(auto|demo|live|live:.+|file:.+)$/;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

const MIB = 1024 * 1024;

// prefault({}) (not default({})) so a missing section is parsed as {} and gets its keys' defaults.
const server = z
  .strictObject({
    host: z.string().min(1).default('0.0.0.0').describe('Address the HTTP and WebSocket server binds to; 0.0.0.0 listens on every interface.'),
    port: z.number().int().min(0).max(65535).default(8787).describe('TCP port of the HTTP and WebSocket server; 0 picks a free port.'),
  })
  .prefault({})
  .describe('HTTP and WebSocket server (visualizer at /, control surface at /control, state at /ws, REST at /api).');

const input = z
  .strictObject({
    source: z
      .string()
      .regex(INPUT_SOURCE_PATTERN, { error: INPUT_SOURCE_FORMS })
      .default('auto')
      .describe('Audio source: auto (default capture device, else the demo groove), demo, live, live:DEVICE or file:PATH.')
      .meta({ patternErrorMessage: INPUT_SOURCE_FORMS }),
    device: z
      .union([z.string().min(1), z.number().int().min(0)])
      .optional()
      .describe('Capture device for live input: a substring of the device name, or its index; unset means the system default.'),
    channel: z
      .union([z.literal('mix'), z.number().int().min(0)])
      .default('mix')
      .describe('Which input channel to analyse: mix (all channels averaged to mono) or a 0-based channel index.'),
    loop: z.boolean().default(true).describe('For file input: start the file again when it ends.'),
  })
  .prefault({})
  .describe('Where the audio comes from.');

const ws = z
  .strictObject({
    max_payload_bytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * MIB)
      .default(65536)
      .describe('Largest WebSocket frame the server accepts, in bytes; bigger frames close the connection.'),
    client_message_max_bytes: z
      .number()
      .int()
      .min(64)
      .max(65536)
      .default(4096)
      .describe('Largest control message a client may send, in bytes; bigger messages are refused.'),
    max_clients: z.number().int().min(1).max(1000).default(64).describe('Most WebSocket clients connected at once; further connections are refused.'),
  })
  .prefault({})
  .describe('WebSocket limits, so one misbehaving client cannot starve the others.');

const log = z
  .strictObject({
    level: z.enum(LOG_LEVELS).default('info').describe('Least severe log level written.'),
    format: z.enum(['pretty', 'json']).default('pretty').describe('pretty for a terminal, json for one JSON object per line.'),
  })
  .prefault({})
  .describe('Logging.');

const osc = z
  .strictObject({
    in_enabled: z.boolean().default(true).describe('Listen for OSC control messages (/fs/cmd/...: tap, nudge, downbeat, lock, double, half, meter, and the scene controls).'),
    in_host: z.string().min(1).default('0.0.0.0').describe('Address the OSC control input binds to. OSC has no authentication: 127.0.0.1 keeps it to this machine, the address of a private interface to that network.'),
    in_port: z.number().int().min(0).max(65535).default(9001).describe('UDP port of the OSC control input; 0 picks a free port.'),
    targets: z
      .array(z.record(z.string(), z.unknown()))
      .default([])
      .describe(
        'OSC output targets: { host, port, profile (generic | touchdesigner | resolume), rate_hz, latency_ms, enabled, bundles, resync_every_bars, mappings }; see docs/OSC.md. Checked at start-up by the OSC output itself.',
      ),
  })
  .prefault({})
  .describe('OSC: control input (the same commands as the control surface, through one command handler) and output targets.');

const oscquery = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Serve the OSCQuery namespace (outputs and inputs, with types and ranges) so OSC tools can discover FractalSync.'),
    port: z.number().int().min(0).max(65535).default(8788).describe('HTTP port of the OSCQuery server (its namespace owns the root path, so it is not the main port); 0 picks a free port.'),
    mdns: z.boolean().default(true).describe('Advertise the OSCQuery server over mDNS as _oscjson._tcp, so TouchDesigner, Chataigne, VDMX or MadMapper list FractalSync by itself.'),
  })
  .prefault({})
  .describe('OSCQuery discovery (Vidvox proposal).');

const midi = z
  .strictObject({
    port: z
      .string()
      .min(1)
      .optional()
      .describe('MIDI clock output: "virtual" for a virtual port named "FractalSync Clock", or the name of an existing port; unset means no MIDI clock.'),
    latency_ms: z.number().min(0).max(500).default(0).describe('How much earlier clock ticks are sent, to make up for the receiving device, in milliseconds.'),
    autostart: z.boolean().default(true).describe('Send MIDI Start on the first downbeat after launch, so followers run without a manual start.'),
  })
  .prefault({})
  .describe('MIDI clock for lighting desks and drum machines (24 ticks per beat, Start on a downbeat, Song Position Pointer).');

const control = z
  .strictObject({
    token: z
      .string()
      .regex(/^[\x21-\x7e]{6,128}$/, { error: '6 to 128 printable characters without spaces' })
      .optional()
      .describe('PIN or token a control surface (or a REST write) must give; unset means one is generated at first start, kept in the state folder as control.json and printed with the control URL and a QR code.')
      .meta({ patternErrorMessage: '6 to 128 printable characters without spaces' }),
    require_token: z
      .boolean()
      .default(true)
      .describe('Control needs the token. Turn off only on a network you trust completely: then every client may control the show.'),
  })
  .prefault({})
  .describe('Who may control the show from the control surface and the REST API (visualizers are always read-only; OSC input is not covered, see osc.in_host).');

const models = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('Run the ONNX models found in models.dir (learned beat activation, section anticipator, controller); false runs only the hand-written paths.'),
    dir: z
      .string()
      .min(1)
      .optional()
      .describe('Folder holding NAME.onnx with NAME.card.json for each model; unset means the models/ folder that ships with FractalSync. ~ is the home folder.'),
    timeout_ms: z
      .number()
      .min(0.5)
      .max(15)
      .default(5)
      .describe('How long a hop waits for the anticipator or controller before going on without it for that hop, in milliseconds (a hop lasts 21.3 ms); the beat network runs on the hop thread and is never skipped.'),
  })
  .prefault({})
  .describe('ONNX models run by the analysis thread; a missing, corrupt or off-contract model is reported and the daemon runs on without it.');

const state = z
  .strictObject({
    dir: z
      .string()
      .min(1)
      .default('~/.local/state/fractalsync')
      .describe('Folder for what the daemon changes at run time (OSC targets, the scene, presets, the generated control token); written atomically. ~ is the home folder.'),
  })
  .prefault({})
  .describe('Run-time state kept across restarts.');

export const configSchema = z
  .strictObject({ server, input, ws, osc, oscquery, midi, control, models, state, log })
  .describe('FractalSync daemon configuration. Precedence: defaults < config file < FRACTALSYNC_* environment < command-line flags.')
  .meta({ title: 'FractalSync configuration' });

export type Config = z.output<typeof configSchema>;

/** What a layer (file, environment, flags) may set: any subset of the keys. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Every key at its default. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
