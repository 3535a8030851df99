import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { configError } from './helpers.js';

function flagsError(flags: Record<string, unknown>): ConfigError {
  // Loosely typed on purpose: the CLI may hand over whatever was typed.
  return configError(() => loadConfig({ env: {}, flags }));
}

// Each key with a bad value, and the exact line that must name key, value and what is allowed.
const badValues: [string, Record<string, unknown>, string][] = [
  ['server.host', { server: { host: '' } }, 'server.host (from command line): "" is not allowed; expected a non-empty string'],
  ['server.port', { server: { port: 70000 } }, 'server.port (from command line): 70000 is not allowed; expected an integer from 0 to 65535'],
  ['server.port', { server: { port: -1 } }, 'server.port (from command line): -1 is not allowed; expected an integer from 0 to 65535'],
  ['server.port', { server: { port: 80.5 } }, 'server.port (from command line): 80.5 is not allowed; expected an integer from 0 to 65535'],
  ['server.port', { server: { port: '8787' } }, 'server.port (from command line): "8787" is not allowed; expected an integer from 0 to 65535'],
  [
    'input.source',
    { input: { source: 'mic' } },
    'input.source (from command line): "mic" is not allowed; expected one of auto, demo, live, live:DEVICE (a device name or index) or file:PATH',
  ],
  [
    'input.source',
    { input: { source: 'file:' } },
    'input.source (from command line): "file:" is not allowed; expected one of auto, demo, live, live:DEVICE (a device name or index) or file:PATH',
  ],
  ['input.device', { input: { device: -2 } }, 'input.device (from command line): -2 is not allowed; expected a non-empty string or an integer >= 0'],
  ['input.device', { input: { device: '' } }, 'input.device (from command line): "" is not allowed; expected a non-empty string or an integer >= 0'],
  ['input.channel', { input: { channel: 'left' } }, 'input.channel (from command line): "left" is not allowed; expected "mix" or an integer >= 0'],
  ['input.channel', { input: { channel: 1.5 } }, 'input.channel (from command line): 1.5 is not allowed; expected "mix" or an integer >= 0'],
  ['input.loop', { input: { loop: 'yes' } }, 'input.loop (from command line): "yes" is not allowed; expected true or false'],
  [
    'ws.max_payload_bytes',
    { ws: { max_payload_bytes: 1023 } },
    'ws.max_payload_bytes (from command line): 1023 is not allowed; expected an integer from 1024 to 16777216',
  ],
  [
    'ws.max_payload_bytes',
    { ws: { max_payload_bytes: 16 * 1024 * 1024 + 1 } },
    'ws.max_payload_bytes (from command line): 16777217 is not allowed; expected an integer from 1024 to 16777216',
  ],
  [
    'ws.client_message_max_bytes',
    { ws: { client_message_max_bytes: 63 } },
    'ws.client_message_max_bytes (from command line): 63 is not allowed; expected an integer from 64 to 65536',
  ],
  ['ws.max_clients', { ws: { max_clients: 0 } }, 'ws.max_clients (from command line): 0 is not allowed; expected an integer from 1 to 1000'],
  ['ws.max_clients', { ws: { max_clients: 1001 } }, 'ws.max_clients (from command line): 1001 is not allowed; expected an integer from 1 to 1000'],
  ['log.level', { log: { level: 'verbose' } }, 'log.level (from command line): "verbose" is not allowed; expected one of trace, debug, info, warn, error, fatal'],
  ['log.format', { log: { format: 'text' } }, 'log.format (from command line): "text" is not allowed; expected one of pretty, json'],
  ['server (a section)', { server: 5 }, 'server (from command line): 5 is not allowed; expected a mapping with keys host, port'],
];

describe('invalid values', () => {
  it.each(badValues)('%s: names the key, the value and what is allowed', (_key, flags, line) => {
    const error = flagsError(flags);
    expect(error.message).toBe(line);
    expect(error.problems).toHaveLength(1);
  });

  it('accepts the boundary values', () => {
    const config = loadConfig({
      env: {},
      flags: { server: { port: 65535 }, ws: { max_payload_bytes: 1024, client_message_max_bytes: 65536, max_clients: 1000 } },
    });
    expect([config.server.port, config.ws.max_payload_bytes, config.ws.client_message_max_bytes, config.ws.max_clients]).toStrictEqual([
      65535, 1024, 65536, 1000,
    ]);
  });

  it('accepts every allowed input.source form', () => {
    for (const source of ['auto', 'demo', 'live', 'live:Scarlett 2i2', 'live:3', 'file:/music/set.wav']) {
      expect(loadConfig({ env: {}, flags: { input: { source } } }).input.source).toBe(source);
    }
  });

  it('suggests the closest allowed value for a misspelt choice', () => {
    expect(flagsError({ log: { level: 'wran' } }).message).toBe(
      'log.level (from command line): "wran" is not allowed; expected one of trace, debug, info, warn, error, fatal; did you mean warn?',
    );
  });
});

describe('unknown keys', () => {
  it('names the key and suggests the close one in the same section', () => {
    const error = flagsError({ server: { prot: 9000 } });
    expect(error.problems).toStrictEqual([{ path: 'server.prot', source: 'command line', message: 'unknown key; did you mean server.port?' }]);
    expect(error.message).toBe('server.prot (from command line): unknown key; did you mean server.port?');
  });

  it('suggests the right section for a key put in the wrong one', () => {
    expect(flagsError({ port: 9000 }).message).toBe('port (from command line): unknown key; did you mean server.port or oscquery.port or midi.port?');
    expect(flagsError({ server: { level: 'debug' } }).message).toBe('server.level (from command line): unknown key; did you mean log.level?');
  });

  it('suggests a section for a misspelt section, and lists the allowed keys when nothing is close', () => {
    expect(flagsError({ sever: {} }).message).toBe('sever (from command line): unknown key; did you mean server?');
    expect(flagsError({ input: { volume: 3 } }).message).toBe(
      'input.volume (from command line): unknown key; allowed in input: source, device, channel, loop',
    );
  });
});

describe('several problems', () => {
  it('reports all of them in one error, one per line', () => {
    const error = flagsError({ server: { port: 70000, hots: 'x' }, log: { level: 'loud' } });
    expect(error.name).toBe('ConfigError');
    expect(error.message.split('\n')).toStrictEqual([
      'server.port (from command line): 70000 is not allowed; expected an integer from 0 to 65535',
      'server.hots (from command line): unknown key; did you mean server.host?',
      'log.level (from command line): "loud" is not allowed; expected one of trace, debug, info, warn, error, fatal',
    ]);
    expect(error.problems.map((p) => p.path)).toStrictEqual(['server.port', 'server.hots', 'log.level']);
  });
});
