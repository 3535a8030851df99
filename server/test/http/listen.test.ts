import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../src/http/listen.js';
import { recordingLog } from '../ws/helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    await new Promise<void>((resolve) => {
      s.close(() => {
        resolve();
      });
    });
  }
});

const hello = (_req: unknown, res: { end(body: string): void }): void => {
  res.end('hi');
};

describe('listen', () => {
  it('port 0 picks a free port, readable from address(), and logs the URL', async () => {
    const log = recordingLog();
    const server = await listen(hello, { host: '127.0.0.1', port: 0 }, log);
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    expect(port).toBeGreaterThan(0);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('hi');
    expect(log.lines).toContain(`info: HTTP listening on http://127.0.0.1:${port}`);
  });

  it('a port in use rejects with a message naming the port, host and how to choose another', async () => {
    const log = recordingLog();
    const first = await listen(hello, { host: '127.0.0.1', port: 0 }, log);
    servers.push(first);
    const { port } = first.address() as AddressInfo;
    await expect(listen(hello, { host: '127.0.0.1', port }, log)).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use; choose another with --port or the server.port config key`,
    );
  });

  it('refuses a port outside 0..65535', async () => {
    const log = recordingLog();
    await expect(listen(hello, { host: '127.0.0.1', port: 70000 }, log)).rejects.toThrow('port must be an integer from 0 to 65535, got 70000');
    await expect(listen(hello, { host: '127.0.0.1', port: 1.5 }, log)).rejects.toThrow(/got 1\.5/);
  });
});
