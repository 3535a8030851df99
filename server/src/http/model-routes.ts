import { isAbsolute, join } from 'node:path';
import { Router, type Request, type RequestHandler } from 'express';
import { isRuntimeModel, RUNTIME_MODELS, type ModelStatus, type RuntimeModel } from '../engine/hop-models.js';
import type { ModelCard } from '../models/model-card.js';

export interface ModelControl {
  models(): ModelStatus[];
  loadModel(name: RuntimeModel, path: string): Promise<ModelCard>;
}

/**
 * GET /api/models: each runtime model, its file, load time and per-hop run statistics. POST /api/models/:name
 * with {"path": FILE} (absolute, or relative to the models folder; omitted: NAME.onnx there again) loads or
 * swaps a model while the show runs, with no gap in SlowState; a refused file answers 400 naming the problem and
 * the model that ran before keeps running. Loading needs the control token (`guard`).
 */
export function modelRoutes(engine: ModelControl, dir: string, guard: RequestHandler): Router {
  const router = Router();
  router.get('/models', (_req, res) => {
    res.json({ dir, models: engine.models() });
  });
  router.post('/models/:name', guard, (req: Request<{ name: string }>, res) => {
    const name = req.params.name;
    if (!isRuntimeModel(name)) {
      res.status(404).json({ error: `no runtime model "${name}"; the daemon runs ${RUNTIME_MODELS.join(', ')}` });
      return;
    }
    const body: unknown = req.body;
    const given = typeof body === 'object' && body !== null ? (body as { path?: unknown }).path : undefined;
    if (given !== undefined && (typeof given !== 'string' || given.length === 0 || given.length > 4096)) {
      res.status(400).json({ error: `"path" must be the model file's path (absolute, or relative to ${dir}), got ${JSON.stringify(given)}` });
      return;
    }
    const path = given === undefined ? join(dir, `${name}.onnx`) : isAbsolute(given) ? given : join(dir, given);
    engine.loadModel(name, path).then(
      (card) => res.json({ name, path, card }),
      (error: unknown) => res.status(400).json({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
  return router;
}
