import { Router } from 'express';
import { parseBeatCommand, type BeatCommand } from '../core/beat/commands.js';

/**
 * POST /api/beat: a manual beat command ({"type":"tap"}, {"type":"nudge","ms":-20}, {"type":"downbeat"},
 * {"type":"lock","on":true}, {"type":"double"}, {"type":"half"}, {"type":"meter","beatsPerBar":3}).
 * It takes effect on the next hop; a malformed command gets 400 naming what was wrong.
 */
export function beatRoutes(send: (command: BeatCommand) => void): Router {
  const router = Router();
  router.post('/beat', (req, res) => {
    let command: BeatCommand;
    try {
      command = parseBeatCommand(req.body);
    } catch (error) {
      res.status(400).json({ error: error instanceof Error ? error.message : String(error) });
      return;
    }
    send(command);
    res.status(202).json({ accepted: command });
  });
  return router;
}
