import type { RequestHandler } from 'express';
import type { ControlAuth } from '../control/control-auth.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Guards the REST routes that change the show: they need `Authorization: Bearer TOKEN` with the control token.
 * Wrong tokens count towards the same per-host lock-out as on /ws. Reads stay open.
 */
export function requireControl(auth: ControlAuth): RequestHandler {
  return (req, res, next) => {
    if (!auth.required) {
      next();
      return;
    }
    const header = req.get('authorization');
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (token === undefined) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="fractalsync"')
        .json({ error: `${req.method} ${req.path} changes the show and needs the control token: send "Authorization: Bearer TOKEN" (the PIN printed at start, kept in the state folder as control.json)` });
      return;
    }
    const result = auth.check(token, req.socket.remoteAddress ?? 'unknown');
    if (result.ok) {
      next();
      return;
    }
    if (result.code === 'rate_limited') {
      res.status(429).set('Retry-After', String(Math.ceil((result.retryAfterMs ?? 1000) / 1000))).json({ error: result.error });
      return;
    }
    res.status(401).set('WWW-Authenticate', 'Bearer realm="fractalsync", error="invalid_token"').json({ error: result.error });
  };
}
