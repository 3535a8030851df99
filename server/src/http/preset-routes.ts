import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { SceneState } from '../control/scene-state.js';
import { PresetConflictError, PresetInvalidError, UnknownPresetError, type PresetStore } from '../store/preset-store.js';

function fail(res: Response, error: unknown): void {
  const status = error instanceof UnknownPresetError ? 404 : error instanceof PresetConflictError ? 409 : error instanceof PresetInvalidError ? 400 : 500;
  res.status(status).json({ error: error instanceof Error ? error.message : String(error) });
}

function nameOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined;
}

/**
 * Presets (whole scenes): GET /api/presets; POST /api/presets {name} saves the current scene; POST
 * /api/presets/:name/recall makes it the current scene (broadcast to every client); PATCH /api/presets/:name {name}
 * renames; DELETE /api/presets/:name; GET /api/presets/export; POST /api/presets/import[?mode=replace]. Writes need
 * the control token (`guard`) and answer once the change is on disk.
 */
export function presetRoutes(presets: PresetStore, scene: Pick<SceneState, 'current' | 'replace'>, guard: RequestHandler): Router {
  const router = Router();
  router.get('/presets', (_req, res) => {
    res.json({ presets: presets.list(), problem: presets.problem ?? null });
  });
  router.get('/presets/export', (_req, res) => {
    res.set('Content-Disposition', 'attachment; filename="fractalsync-presets.json"').json(presets.exportAll());
  });
  router.post('/presets/import', guard, (req, res) => {
    const mode = req.query.mode ?? 'merge';
    if (mode !== 'merge' && mode !== 'replace') {
      res.status(400).json({ error: `mode ${JSON.stringify(mode)} is not allowed; expected merge (the default) or replace` });
      return;
    }
    presets.import(req.body, mode).then(
      (result) => res.json(result),
      (error: unknown) => {
        fail(res, error);
      },
    );
  });
  router.post('/presets', guard, (req, res) => {
    presets.save(nameOf(req.body), scene.current.scene).then(
      ({ preset, created }) => res.status(created ? 201 : 200).json(preset),
      (error: unknown) => {
        fail(res, error);
      },
    );
  });
  router.post('/presets/:name/recall', guard, (req: Request<{ name: string }>, res) => {
    try {
      scene.replace(presets.get(req.params.name).scene);
      res.json(scene.current);
    } catch (error) {
      fail(res, error);
    }
  });
  router.patch('/presets/:name', guard, (req: Request<{ name: string }>, res) => {
    presets.rename(req.params.name, nameOf(req.body)).then(
      (preset) => res.json(preset),
      (error: unknown) => {
        fail(res, error);
      },
    );
  });
  router.delete('/presets/:name', guard, (req: Request<{ name: string }>, res) => {
    presets.remove(req.params.name).then(
      () => res.status(204).end(),
      (error: unknown) => {
        fail(res, error);
      },
    );
  });
  return router;
}
