import { Router, type RequestHandler } from 'express';
import type { CommandHandler } from '../control/command-handler.js';

/**
 * POST /api/beat: a manual beat command ({"type":"tap"}, {"type":"nudge","ms":-20}, {"type":"downbeat"},
 * {"type":"lock","on":true}, {"type":"double"}, {"type":"half"}, {"type":"meter","beatsPerBar":3}), through the one
 * command handler that OSC input and the control surface use too. It takes effect on the next hop; a refused
 * command gets 400 naming what was wrong (validation or the rate limit). Needs the control token (`guard`).
 */
export function beatRoutes(commands: Pick<CommandHandler, 'handle'>, guard: RequestHandler): Router {
  const router = Router();
  router.post('/beat', guard, (req, res) => {
    const body: unknown = req.body;
    const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
    // Scene commands have their own route; this one keeps to the beat clock, as documented.
    if (type === 'scene' || type === 'scene_reset' || type === 'control_source') {
      res.status(400).json({ error: `POST /api/beat takes beat commands; send ${type} to POST /api/scene` });
      return;
    }
    const result = commands.handle(body, 'rest');
    if (result.ok) res.status(202).json({ accepted: body });
    else res.status(400).json({ error: result.error });
  });
  return router;
}
