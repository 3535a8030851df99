import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/schema.js';
import { configError, tempFile } from './helpers.js';

function fileError(text: string, name = 'gig.yaml'): { path: string; message: string } {
  const path = tempFile(name, text);
  return { path, message: configError(() => loadConfig({ file: path, env: {} })).message };
}

describe('config file', () => {
  it('reads YAML', () => {
    const path = tempFile('gig.yaml', 'input:\n  source: file:/sets/friday.wav\n  loop: false\n  device: 0\n');
    const config = loadConfig({ file: path, env: {} });
    expect(config.input).toStrictEqual({ source: 'file:/sets/friday.wav', loop: false, device: 0, channel: 'mix' });
  });

  it('reads JSON, which is YAML', () => {
    const path = tempFile('gig.json', '{ "server": { "port": 9100 }, "log": { "format": "json" } }');
    const config = loadConfig({ file: path, env: {} });
    expect(config.server.port).toBe(9100);
    expect(config.log.format).toBe('json');
  });

  it('treats a file with only comments as an empty configuration', () => {
    expect(loadConfig({ file: tempFile('empty.yaml', '# nothing set yet\n'), env: {} })).toStrictEqual(defaultConfig());
  });

  it('treats a section with every key commented out as all defaults', () => {
    const path = tempFile('gig.yaml', 'server:\n  # port: 9000\nlog:\n  level: debug\n');
    expect(loadConfig({ file: path, env: {} }).server).toStrictEqual(defaultConfig().server);
  });

  it('still refuses null for a key', () => {
    const { path, message } = fileError('server:\n  port:\n');
    expect(message).toBe(`server.port (from ${path}:2): null is not allowed; expected an integer from 0 to 65535`);
  });

  it('refuses a missing file, naming the path and where it was looked for', () => {
    const absolute = '/nonexistent/dir/gig.yaml';
    expect(configError(() => loadConfig({ file: absolute, env: {} })).message).toBe(`config file not found: ${absolute}`);
    const relative = 'no-such-dir/gig.yaml';
    expect(configError(() => loadConfig({ file: relative, env: {} })).message).toBe(
      `config file not found: ${relative} (looked for ${resolve(relative)})`,
    );
  });

  it('refuses a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fractalsync-config-'));
    expect(configError(() => loadConfig({ file: dir, env: {} })).message).toBe(`config file is a directory, not a file: ${dir}`);
  });

  it('reports a YAML syntax error with the path, line and column', () => {
    const { path, message } = fileError('server:\n  port: 8787\n  host: [0.0.0.0\nlog:\n  level: info\n');
    expect(message).toMatch(new RegExp(`^YAML syntax error in ${path} at line \\d+, column \\d+: \\S`));
    expect(message.split('\n')).toHaveLength(1);
  });

  it('gives the exact line and column of the error', () => {
    const { path, message } = fileError('server:\n\tport: 8787\n');
    expect(message).toBe(`YAML syntax error in ${path} at line 2, column 1: Tabs are not allowed as indentation`);
  });

  it('reports a key written twice as an error at its second line', () => {
    const { path, message } = fileError('server:\n  port: 8787\n  port: 9000\n');
    expect(message).toBe(`YAML syntax error in ${path} at line 3, column 3: Map keys must be unique`);
  });

  it('refuses a file that is a list', () => {
    const { path, message } = fileError('- server\n- port\n');
    expect(message).toBe(
      `config file ${path} must be a mapping of sections (like "server:" with keys indented under it), but it holds a list`,
    );
  });

  it('refuses a file that is a single value', () => {
    const { path, message } = fileError('8787\n');
    expect(message).toBe(
      `config file ${path} must be a mapping of sections (like "server:" with keys indented under it), but it holds the value 8787`,
    );
  });

  it('reports unknown keys in the file with their line and a suggestion', () => {
    const { path, message } = fileError('server:\n  port: 8787\nlog:\n  levle: debug\n');
    expect(message).toBe(`log.levle (from ${path}:4): unknown key; did you mean log.level?`);
  });

  it('names a section given as a value', () => {
    const { path, message } = fileError('server: 8787\n');
    expect(message).toBe(`server (from ${path}:1): 8787 is not allowed; expected a mapping with keys host, port`);
  });
});
