import { Router } from 'express';
import type { CommandHandler } from '../control/command-handler.js';

/**
 * POST /api/beat: a manual beat command ({"type":"tap"}, {"type":"nudge","ms":-20}, {"type":"downbeat"},
 * {"type":"lock","on":true}, {"type":"double"}, {"type":"half"}, {"type":"meter","beatsPerBar":3}), through the one
 * command handler that OSC input uses too. It takes effect on the next hop; a refused command gets 400 naming
 * what was wrong (validation or the rate limit).
 */
export function beatRoutes(commands: Pick<CommandHandler, 'handle'>): Router {
  const router = Router();
  router.post('/beat', (req, res) => {
    const result = commands.handle(req.body, 'rest');
    if (result.ok) res.status(202).json({ accepted: req.body as unknown });
    else res.status(400).json({ error: result.error });
  });
  return router;
}
