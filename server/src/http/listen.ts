import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { Logger } from '../log.js';

export interface ListenOptions {
  host: string;
  /** 0 picks a free port; read it back from server.address(). */
  port: number;
  /** What is served, for log lines and errors (default "HTTP"). */
  what?: string;
  /** The command-line flag and config key that choose this port, named in errors (default --port, server.port). */
  flag?: string;
  key?: string;
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number, flag: string, key: string): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new Error(`port ${port} on ${host} is already in use; choose another with ${flag} or the ${key} config key`);
    case 'EACCES':
      return new Error(`no permission to listen on port ${port} on ${host}; ports below 1024 need privileges, choose another with ${flag}`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new Error(`cannot listen on ${host}: no such local address; use 0.0.0.0, 127.0.0.1 or an address of this machine`);
    default:
      return new Error(`cannot listen on ${host}:${port}: ${err.message}`);
  }
}

/** Start an HTTP server for the app; resolves once it accepts connections, rejects with a message a VJ can act on. */
export function listen(app: RequestListener, options: ListenOptions, log: Logger): Promise<Server> {
  const { host, port, what = 'HTTP', flag = '--port', key = 'server.port' } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return Promise.reject(new Error(`${what === 'HTTP' ? '' : `${what} `}port must be an integer from 0 to 65535, got ${String(port)}`));
  }
  const server = createServer(app);
  return new Promise<Server>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(listenError(err, host, port, flag, key));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      server.on('error', (err) => {
        log.error(`${what} server error: ${err.message}`);
      });
      const address = server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      log.info(`${what} listening on http://${host}:${actual}`);
      resolve(server);
    });
  });
}
