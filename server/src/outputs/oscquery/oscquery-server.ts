import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from '../../http/listen.js';
import type { Logger } from '../../log.js';
import { findNode, NODE_ATTRIBUTES, type NodeAttribute, type OscQueryNode } from './namespace.js';

export interface OscQueryOptions {
  host: string;
  /** HTTP port; its own server because the namespace owns the root path. 0 picks a free one. */
  port: number;
  /** Shown to clients in HOST_INFO, e.g. 'FractalSync'. */
  name: string;
  /** The UDP port where this daemon receives OSC (the control input). */
  oscPort: number;
}

export interface OscQueryServer {
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_OSCQUERY_PORT = 8788;

/** Which optional parts of the proposal this server implements, as HOST_INFO announces them. */
const EXTENSIONS = { ACCESS: true, VALUE: false, RANGE: true, DESCRIPTION: true, TAGS: false, EXTENDED_TYPE: false, UNIT: false, CRITICAL: false, CLIPMODE: false, LISTEN: false, PATH_CHANGED: false };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function isAttribute(name: string): name is NodeAttribute {
  return (NODE_ATTRIBUTES as readonly string[]).includes(name);
}

function respond(req: IncomingMessage, res: ServerResponse, root: OscQueryNode, options: OscQueryOptions): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, { error: `method ${String(req.method)} is not allowed; OSCQuery answers GET` });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://oscquery.invalid');
  const query = url.search.slice(1);
  if (query === 'HOST_INFO') {
    send(res, 200, { NAME: options.name, OSC_PORT: options.oscPort, OSC_TRANSPORT: 'UDP', EXTENSIONS });
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    send(res, 400, { error: `path ${JSON.stringify(url.pathname)} is not valid percent-encoding` });
    return;
  }
  const node = findNode(root, path);
  if (node === undefined) {
    send(res, 404, { error: `no OSC node at ${JSON.stringify(path)}; GET / lists the namespace` });
    return;
  }
  if (query === '') {
    send(res, 200, node);
    return;
  }
  if (!isAttribute(query)) {
    send(res, 400, { error: `attribute ${JSON.stringify(query)} is unknown; expected HOST_INFO or one of ${NODE_ATTRIBUTES.join(', ')}` });
    return;
  }
  const value = node[query];
  // The proposal's answer for an attribute this node does not have (e.g. RANGE of a container).
  if (value === undefined) send(res, 204, undefined);
  else send(res, 200, { [query]: value });
}

/** Serves the namespace over HTTP as the OSCQuery proposal describes (GET /path, ?ATTRIBUTE, ?HOST_INFO). */
export async function startOscQuery(options: OscQueryOptions, root: OscQueryNode, log: Logger): Promise<OscQueryServer> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      respond(req, res, root, options);
    } catch (error) {
      log.error(`OSCQuery request ${String(req.url)} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    }
  };
  const server = await listen(handler, { host: options.host, port: options.port, what: 'OSCQuery', flag: '--oscquery-port', key: 'oscquery.port' }, log);
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          done();
        });
      }),
  };
}
