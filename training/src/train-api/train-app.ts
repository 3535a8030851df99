/**
 * The training API's HTTP routes: POST /api/train/start (a TrainRequest; 202 with the status, 400 naming the
 * bad fields, 409 while a run is in progress), GET /api/train/status, and GET / (a page that starts runs and
 * watches them: progress and the loss curves, polled from the status).
 */
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { BusyError } from './train-runs.js';
import type { TrainRuns } from './train-runs.js';
import { parseTrainRequest, TrainRequestError } from './train-request.js';
import { WATCH_PAGE } from './watch-page.js';

export function trainApp(runs: TrainRuns): Express {
  const app = express();
  app.use(express.json({ limit: '16kb' }));
  app.post('/api/train/start', (req: Request, res: Response) => {
    try {
      const request = parseTrainRequest(req.body);
      res.status(202).json(runs.start(request));
    } catch (err) {
      if (err instanceof TrainRequestError) res.status(400).json({ error: err.message });
      else if (err instanceof BusyError) res.status(409).json({ error: err.message });
      else throw err;
    }
  });
  app.get('/api/train/status', (_req: Request, res: Response) => {
    res.json(runs.status());
  });
  app.get('/', (_req: Request, res: Response) => {
    res.type('html').send(WATCH_PAGE);
  });
  // Browsers ask for an icon; there is none, and a 404 would be a console error on every visit.
  app.get('/favicon.ico', (_req: Request, res: Response) => {
    res.status(204).end();
  });
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: `no route ${req.method} ${req.path}; the training API has GET / (a page to start and watch runs), POST /api/train/start and GET /api/train/status` });
  });
  // Malformed JSON bodies arrive here from express.json().
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    res.status(status).json({ error: `${status === 400 ? 'request body is not valid JSON' : 'internal error'}: ${err instanceof Error ? err.message : String(err)}` });
  });
  return app;
}
