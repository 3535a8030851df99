import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log.js';

/** Path without the query string, as the client asked for it. */
function requestPath(originalUrl: string): string {
  return originalUrl.split('?')[0] ?? originalUrl;
}

/** Unknown endpoints under /api answer JSON, so scripts get a message instead of an HTML page. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no such endpoint: ${req.method} ${requestPath(req.originalUrl)}` });
};

interface HttpError {
  status?: unknown;
  type?: unknown;
  message?: unknown;
  limit?: unknown;
}

function asHttpError(err: unknown): HttpError {
  return typeof err === 'object' && err !== null ? err : {};
}

/** Body-parser failures name the problem; anything else is logged here and answered without a stack trace. */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const httpErr = asHttpError(err);
    const where = `${req.method} ${requestPath(req.originalUrl)}`;
    const message = typeof httpErr.message === 'string' ? httpErr.message : String(err);
    if (httpErr.type === 'entity.parse.failed') {
      res.status(400).json({ error: `malformed JSON body in ${where}: ${message}` });
      return;
    }
    if (httpErr.type === 'entity.too.large') {
      res.status(413).json({ error: `request body of ${where} is larger than the ${String(httpErr.limit)} byte limit` });
      return;
    }
    const status = typeof httpErr.status === 'number' && httpErr.status >= 400 && httpErr.status < 500 ? httpErr.status : 500;
    if (status < 500) {
      res.status(status).json({ error: `${where}: ${message}` });
      return;
    }
    log.error(`HTTP ${where} failed: ${err instanceof Error ? (err.stack ?? err.message) : message}`);
    res.status(500).json({ error: `internal error while handling ${where}; see the server log` });
  };
}
