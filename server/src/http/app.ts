import express from 'express';
import type { Express, Router } from 'express';
import type { Logger } from '../log.js';
import { apiNotFound, jsonErrorHandler } from './api-errors.js';
import { webAppRouter } from './web-app.js';

export interface HttpAppOptions {
  /** Current engine and output status, read on every GET /api/status. */
  status: () => object;
  contract: object;
  staticDirs: { visualizer: string; controlSurface: string };
  /** Further /api endpoints (later issues), mounted before the JSON 404. */
  api?: Router;
  log: Logger;
}

export const JSON_BODY_LIMIT = '64kb';
/** A preset import carries up to 100 whole scenes, so it gets more room than a command. */
export const IMPORT_BODY_LIMIT = '2mb';
export const IMPORT_PATH = '/api/presets/import';

/** The daemon's HTTP surface: REST under /api, the control surface at /control, the visualizer at /. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Two JSON parsers, each taking only its own requests: the import gets the larger limit, everything else the small one.
  const json = (req: { headers: { 'content-type'?: string } }): boolean => /^application\/json\b/i.test(req.headers['content-type'] ?? '');
  const isImport = (req: { url?: string }): boolean => (req.url ?? '').split('?')[0] === IMPORT_PATH;
  app.use(express.json({ limit: JSON_BODY_LIMIT, type: (req) => json(req) && !isImport(req) }));
  app.use(express.json({ limit: IMPORT_BODY_LIMIT, type: (req) => json(req) && isImport(req) }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/api/status', (_req, res) => {
    res.json(options.status());
  });
  app.get('/api/contract', (_req, res) => {
    res.json(options.contract);
  });
  if (options.api) app.use('/api', options.api);
  app.use('/api', apiNotFound);

  app.use('/control', webAppRouter('control surface', options.staticDirs.controlSurface, options.log));
  app.use('/', webAppRouter('visualizer', options.staticDirs.visualizer, options.log));

  app.use(jsonErrorHandler(options.log));
  return app;
}
