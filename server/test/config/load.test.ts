import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { configError, tempFile } from './helpers.js';

describe('precedence: defaults < file < environment < flags', () => {
  const file = tempFile('gig.yaml', 'server:\n  port: 9001\n  host: 127.0.0.1\ninput:\n  source: demo\nlog:\n  level: warn\n');
  const env = { FRACTALSYNC_SERVER_PORT: '9002', FRACTALSYNC_INPUT_SOURCE: 'live' };

  it('takes each key from the highest layer that sets it', () => {
    const config = loadConfig({ file, env, flags: { server: { port: 9003 } } });
    expect(config.server.port).toBe(9003); // flag beats env, file and default
    expect(config.input.source).toBe('live'); // env beats file
    expect(config.server.host).toBe('127.0.0.1'); // file beats default
    expect(config.log.level).toBe('warn'); // file beats default
    expect(config.log.format).toBe('pretty'); // default
  });

  it('falls back layer by layer as the higher ones are removed', () => {
    expect(loadConfig({ file, env }).server.port).toBe(9002);
    expect(loadConfig({ file, env: {} }).server.port).toBe(9001);
    expect(loadConfig({ env: {} }).server.port).toBe(8787);
  });

  it('merges sections key by key rather than replacing them', () => {
    const config = loadConfig({ file, env: {}, flags: { server: { host: '::1' } } });
    expect(config.server).toStrictEqual({ host: '::1', port: 9001 });
  });

  it('ignores flags that were not given (undefined)', () => {
    expect(loadConfig({ file, env: {}, flags: { server: { port: undefined }, log: { level: undefined } } }).server.port).toBe(9001);
  });

  it('names the layer that set a bad value: file line, variable or command line', () => {
    const bad = tempFile('bad.yaml', '# comment\nserver:\n  port: 70000\nws:\n  max_clients: 5000\n');
    const error = configError(() => loadConfig({ file: bad, env: { FRACTALSYNC_LOG_LEVEL: 'loud' }, flags: { input: { channel: -1 } } }));
    expect(error.problems).toStrictEqual([
      { path: 'server.port', source: `${bad}:3`, message: '70000 is not allowed; expected an integer from 0 to 65535' },
      { path: 'input.channel', source: 'command line', message: '-1 is not allowed; expected "mix" or an integer >= 0' },
      { path: 'ws.max_clients', source: `${bad}:5`, message: '5000 is not allowed; expected an integer from 1 to 1000' },
      { path: 'log.level', source: 'FRACTALSYNC_LOG_LEVEL', message: '"loud" is not allowed; expected one of trace, debug, info, warn, error, fatal' },
    ]);
  });

  it('names the layer whose value won, not one it overrode', () => {
    const error = configError(() => loadConfig({ file, env: { FRACTALSYNC_SERVER_PORT: '70000' } }));
    expect(error.message).toBe('server.port (from FRACTALSYNC_SERVER_PORT): 70000 is not allowed; expected an integer from 0 to 65535');
  });
});

describe('environment variables', () => {
  it('coerces text to each key\'s type', () => {
    const config = loadConfig({
      env: {
        FRACTALSYNC_SERVER_PORT: '9000',
        FRACTALSYNC_SERVER_HOST: '127.0.0.1',
        FRACTALSYNC_INPUT_LOOP: 'false',
        FRACTALSYNC_INPUT_CHANNEL: '1',
        FRACTALSYNC_WS_MAX_CLIENTS: ' 16 ',
        FRACTALSYNC_LOG_LEVEL: 'debug',
      },
    });
    expect(config.server).toStrictEqual({ host: '127.0.0.1', port: 9000 });
    expect(config.input.loop).toBe(false);
    expect(config.input.channel).toBe(1);
    expect(config.ws.max_clients).toBe(16);
    expect(config.log.level).toBe('debug');
  });

  it('reads a device as an index when it is a whole number, as a name otherwise', () => {
    expect(loadConfig({ env: { FRACTALSYNC_INPUT_DEVICE: '2' } }).input.device).toBe(2);
    expect(loadConfig({ env: { FRACTALSYNC_INPUT_DEVICE: 'Scarlett 2i2' } }).input.device).toBe('Scarlett 2i2');
    expect(loadConfig({ env: { FRACTALSYNC_INPUT_CHANNEL: 'mix' } }).input.channel).toBe('mix');
  });

  it('keeps text that fits no type as text, so the error shows what was typed', () => {
    expect(configError(() => loadConfig({ env: { FRACTALSYNC_SERVER_PORT: '90o0' } })).message).toBe(
      'server.port (from FRACTALSYNC_SERVER_PORT): "90o0" is not allowed; expected an integer from 0 to 65535',
    );
    expect(configError(() => loadConfig({ env: { FRACTALSYNC_INPUT_LOOP: 'yes' } })).message).toBe(
      'input.loop (from FRACTALSYNC_INPUT_LOOP): "yes" is not allowed; expected true or false',
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ env: { FRACTALSYNC_SERVER_PORT: '', FRACTALSYNC_CONFIG: '' } }).server.port).toBe(8787);
  });

  it('refuses unknown FRACTALSYNC_* variables, suggesting the close one', () => {
    const error = configError(() => loadConfig({ env: { FRACTALSYNC_SERVER_PROT: '9000', FRACTALSYNC_LOG_LEVEL: 'debug' } }));
    expect(error.message).toBe('unknown environment variable FRACTALSYNC_SERVER_PROT; did you mean FRACTALSYNC_SERVER_PORT?');
  });

  it('lists the known variables when nothing is close', () => {
    const error = configError(() => loadConfig({ env: { FRACTALSYNC_VOLUME: '11' } }));
    expect(error.message).toMatch(/^unknown environment variable FRACTALSYNC_VOLUME; known: FRACTALSYNC_CONFIG, FRACTALSYNC_SERVER_HOST, /);
    expect(error.message).toContain('FRACTALSYNC_LOG_FORMAT');
  });

  it('leaves other variables alone', () => {
    expect(loadConfig({ env: { PATH: '/usr/bin', FRACTAL_SYNC: 'x', fractalsync_server_port: '1' } }).server.port).toBe(8787);
  });

  it('takes the config file from FRACTALSYNC_CONFIG when no file is passed, and the passed file first', () => {
    const fromEnv = tempFile('env.yaml', 'server:\n  port: 7001\n');
    const passed = tempFile('passed.yaml', 'server:\n  port: 7002\n');
    expect(loadConfig({ env: { FRACTALSYNC_CONFIG: fromEnv } }).server.port).toBe(7001);
    expect(loadConfig({ file: passed, env: { FRACTALSYNC_CONFIG: fromEnv } }).server.port).toBe(7002);
  });

  it('says when the missing file was named by FRACTALSYNC_CONFIG', () => {
    const error = configError(() => loadConfig({ env: { FRACTALSYNC_CONFIG: '/nonexistent/fs.yaml' } }));
    expect(error.message).toBe('config file not found: /nonexistent/fs.yaml (named by FRACTALSYNC_CONFIG)');
  });
});

describe('reporting everything at once', () => {
  it('lists file, environment and value problems together', () => {
    const error = configError(() =>
      loadConfig({ file: '/nonexistent/gig.yaml', env: { FRACTALSYNC_LOGLEVEL: 'debug', FRACTALSYNC_SERVER_PORT: '-5' } }),
    );
    expect(error.message.split('\n')).toStrictEqual([
      'config file not found: /nonexistent/gig.yaml',
      'unknown environment variable FRACTALSYNC_LOGLEVEL; did you mean FRACTALSYNC_LOG_LEVEL?',
      'server.port (from FRACTALSYNC_SERVER_PORT): -5 is not allowed; expected an integer from 0 to 65535',
    ]);
  });
});
