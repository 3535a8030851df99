import { Router, type RequestHandler } from 'express';
import type { CommandHandler } from '../control/command-handler.js';
import type { SceneState } from '../control/scene-state.js';

const SCENE_TYPES = new Set(['scene', 'scene_reset', 'control_source']);

/**
 * GET /api/scene: the current scene and its revision. POST /api/scene: one scene command
 * ({"type":"scene","display":"left","set":{"palette":"neon"}}, {"type":"scene_reset"},
 * {"type":"control_source","value":"manual"}) through the one command handler; needs the control token.
 */
export function sceneRoutes(scene: Pick<SceneState, 'current'>, commands: Pick<CommandHandler, 'handle'>, guard: RequestHandler): Router {
  const router = Router();
  router.get('/scene', (_req, res) => {
    res.json(scene.current);
  });
  router.post('/scene', guard, (req, res) => {
    const body: unknown = req.body;
    const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !SCENE_TYPES.has(type)) {
      res.status(400).json({ error: `POST /api/scene takes a scene command: "type" must be scene, scene_reset or control_source, got ${type === undefined ? 'nothing' : JSON.stringify(type)}` });
      return;
    }
    const result = commands.handle(body, 'rest');
    if (result.ok) res.json(scene.current);
    else res.status(400).json({ error: result.error });
  });
  return router;
}
