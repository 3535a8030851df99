import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { Router } from 'express';
import type { Logger } from '../log.js';

/**
 * Serves a Vite build directory. While the build is missing (a fresh checkout) every request gets a 503 saying
 * how to build it; the check runs per request so a build made while the daemon runs is picked up.
 */
export function webAppRouter(name: string, dir: string, log: Logger): Router {
  const router = express.Router();
  const serve = express.static(dir, { index: 'index.html', fallthrough: true });
  let built = false;
  let warned = false;
  router.use((req, res, next) => {
    built ||= existsSync(join(dir, 'index.html'));
    if (built) {
      serve(req, res, (err?: unknown) => {
        if (err !== undefined) {
          next(err);
          return;
        }
        res.status(404).type('text/plain').send(`not found in the ${name}: ${req.originalUrl.split('?')[0] ?? ''}\n`);
      });
      return;
    }
    if (!warned) {
      warned = true;
      log.warn(`the ${name} is not built (no index.html in ${dir}); run \`npm run build\``);
    }
    res.status(503).type('text/plain').send(`The ${name} web app is not built. Run \`npm run build\` in the FractalSync folder, then reload.\n`);
  });
  return router;
}
