/**
 * One state server and its clients per test, all closed after each test whether it passed or not, so a failed
 * test never leaves a socket that makes the next one hang. Call wsHarness() once at the top of a test file.
 */
import { afterEach } from 'vitest';
import type { ClientOptions } from 'ws';
import type { StateSocketOptions } from '../../src/outputs/ws/ws-server.js';
import { TestClient, startStateServer } from './helpers.js';
import type { TestServer } from './helpers.js';

export interface WsHarness {
  /** Starts this test's state server on a free port. */
  start(options?: StateSocketOptions): Promise<TestServer>;
  /** Connects a client; with `first`, waits until a message of that type has arrived. */
  connect(url: string, first?: string, options?: ClientOptions & { keepRaw?: boolean }): Promise<TestClient>;
}

export function wsHarness(): WsHarness {
  let srv: TestServer | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await srv?.close();
    srv = undefined;
  });
  return {
    start: async (options = {}) => {
      srv = await startStateServer(options);
      return srv;
    },
    connect: async (url, first, options = {}) => {
      const c = await TestClient.connect(url, options);
      clients.push(c);
      if (first !== undefined) await c.waitFor((m) => m.type === first, first);
      return c;
    },
  };
}
