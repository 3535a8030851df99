import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { configKeys, schemaAt } from '../../src/config/keys.js';
import { loadConfig } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/schema.js';

describe('defaultConfig', () => {
  it('gives every documented default', () => {
    expect(defaultConfig()).toStrictEqual({
      server: { host: '0.0.0.0', port: 8787 },
      input: { source: 'auto', channel: 'mix', loop: true },
      ws: { max_payload_bytes: 65536, client_message_max_bytes: 4096, max_clients: 64 },
      osc: { in_enabled: true, in_host: '0.0.0.0', in_port: 9001, targets: [] },
      oscquery: { enabled: true, port: 8788, mdns: true },
      midi: { latency_ms: 0, autostart: true },
      control: { require_token: true },
      models: { enabled: true, timeout_ms: 5 },
      state: { dir: '~/.local/state/fractalsync' },
      log: { level: 'info', format: 'pretty' },
    });
  });

  it('is what loadConfig gives with no file, environment or flags', () => {
    expect(loadConfig({ env: {} })).toStrictEqual(defaultConfig());
  });

  it('returns a fresh object each time, so a caller cannot change another caller\'s defaults', () => {
    const a = defaultConfig();
    a.server.port = 1;
    expect(defaultConfig().server.port).toBe(8787);
  });
});

describe('schema-derived keys', () => {
  it('lists every key with its environment variable, in schema order', () => {
    expect(configKeys().map((k) => [k.name, k.envVar])).toStrictEqual([
      ['server.host', 'FRACTALSYNC_SERVER_HOST'],
      ['server.port', 'FRACTALSYNC_SERVER_PORT'],
      ['input.source', 'FRACTALSYNC_INPUT_SOURCE'],
      ['input.device', 'FRACTALSYNC_INPUT_DEVICE'],
      ['input.channel', 'FRACTALSYNC_INPUT_CHANNEL'],
      ['input.loop', 'FRACTALSYNC_INPUT_LOOP'],
      ['ws.max_payload_bytes', 'FRACTALSYNC_WS_MAX_PAYLOAD_BYTES'],
      ['ws.client_message_max_bytes', 'FRACTALSYNC_WS_CLIENT_MESSAGE_MAX_BYTES'],
      ['ws.max_clients', 'FRACTALSYNC_WS_MAX_CLIENTS'],
      ['osc.in_enabled', 'FRACTALSYNC_OSC_IN_ENABLED'],
      ['osc.in_host', 'FRACTALSYNC_OSC_IN_HOST'],
      ['osc.in_port', 'FRACTALSYNC_OSC_IN_PORT'],
      ['osc.targets', 'FRACTALSYNC_OSC_TARGETS'],
      ['oscquery.enabled', 'FRACTALSYNC_OSCQUERY_ENABLED'],
      ['oscquery.port', 'FRACTALSYNC_OSCQUERY_PORT'],
      ['oscquery.mdns', 'FRACTALSYNC_OSCQUERY_MDNS'],
      ['midi.port', 'FRACTALSYNC_MIDI_PORT'],
      ['midi.latency_ms', 'FRACTALSYNC_MIDI_LATENCY_MS'],
      ['midi.autostart', 'FRACTALSYNC_MIDI_AUTOSTART'],
      ['control.token', 'FRACTALSYNC_CONTROL_TOKEN'],
      ['control.require_token', 'FRACTALSYNC_CONTROL_REQUIRE_TOKEN'],
      ['models.enabled', 'FRACTALSYNC_MODELS_ENABLED'],
      ['models.dir', 'FRACTALSYNC_MODELS_DIR'],
      ['models.timeout_ms', 'FRACTALSYNC_MODELS_TIMEOUT_MS'],
      ['state.dir', 'FRACTALSYNC_STATE_DIR'],
      ['log.level', 'FRACTALSYNC_LOG_LEVEL'],
      ['log.format', 'FRACTALSYNC_LOG_FORMAT'],
    ]);
  });

  it('describes every key and every section (the schema is the documentation)', () => {
    for (const key of configKeys()) {
      expect(key.schema.description, key.name).toMatch(/\S{3,}/);
      expect(schemaAt(key.path.slice(0, -1))?.description, `section of ${key.name}`).toMatch(/\S{3,}/);
    }
  });

  it('gives every key with a default the same default in the JSON Schema as in defaultConfig()', () => {
    const defaults = defaultConfig() as unknown as Record<string, Record<string, unknown>>;
    for (const key of configKeys()) {
      const [section = '', name = ''] = key.path;
      expect(key.schema.default, key.name).toStrictEqual(defaults[section]?.[name]);
    }
  });

  it('refuses unknown keys in the JSON Schema too, so editors flag typos', () => {
    const root = configJsonSchema();
    expect(root.additionalProperties).toBe(false);
    for (const section of Object.keys(root.properties ?? {})) {
      expect(schemaAt([section])?.additionalProperties, section).toBe(false);
    }
  });
});
