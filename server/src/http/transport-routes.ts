import { Router, type RequestHandler } from 'express';
import type { CommandHandler } from '../control/command-handler.js';

/**
 * POST /api/midi/:action (start, stop, continue): MIDI transport for followers, through the one command handler
 * (OSC /fs/cmd/midi/* and the control surface's `{"type":"transport","action":...}` go the same way). Start waits
 * for the next downbeat. Refused with 400 when no MIDI clock output runs. Needs the control token (`guard`).
 */
export function transportRoutes(commands: Pick<CommandHandler, 'handle'>, guard: RequestHandler): Router {
  const router = Router();
  router.post('/midi/:action', guard, (req, res) => {
    const command = { type: 'transport', action: req.params.action };
    const result = commands.handle(command, 'rest');
    if (result.ok) res.status(202).json({ accepted: command });
    else res.status(400).json({ error: result.error });
  });
  return router;
}
