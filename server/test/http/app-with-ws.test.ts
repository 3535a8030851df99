import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { StateBus } from '../../src/bus/state-bus.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { createHttpApp } from '../../src/http/app.js';
import { listen } from '../../src/http/listen.js';
import { attachStateSocket } from '../../src/outputs/ws/ws-server.js';
import { TestClient, makeState, recordingLog } from '../ws/helpers.js';

describe('HTTP app and state socket on one port', () => {
  it('serves /api and streams /ws from the same server; status can report the ws clients', async () => {
    const log = recordingLog();
    const bus = new StateBus();
    let clientsNow: () => unknown = () => [];
    const app = createHttpApp({
      status: () => ({ outputs: { ws: clientsNow() } }),
      contract: CONTRACT,
      staticDirs: { visualizer: '/nonexistent/v', controlSurface: '/nonexistent/c' },
      log,
    });
    const server = await listen(app, { host: '127.0.0.1', port: 0 }, log);
    const sock = attachStateSocket(server, bus, {}, log);
    clientsNow = () => sock.clients().map((c) => ({ id: c.id, display: c.display }));
    const { port } = server.address() as AddressInfo;
    const client = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
    try {
      await client.waitFor((m) => m.type === 'hello', 'hello');
      client.send({ type: 'subscribe', display: 'stage left' });
      await client.waitFor((m) => m.type === 'subscribed', 'subscribed');
      const status = (await (await fetch(`http://127.0.0.1:${port}/api/status`)).json()) as { outputs: { ws: { display: string }[] } };
      expect(status.outputs.ws.map((c) => c.display)).toEqual(['stage left']);
      bus.publish(makeState(9));
      await client.waitForHop(9);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(503);
    } finally {
      client.close();
      await sock.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    }
  });
});
