import { Router, type Request, type RequestHandler } from 'express';
import { camelKeys } from '../outputs/osc/config-targets.js';
import { UnknownTargetError, type OscTargetRegistry } from '../outputs/osc/target-registry.js';

/**
 * The outputs API (for the control surface): GET /api/outputs; POST /api/outputs/osc (add a target);
 * PATCH /api/outputs/osc/:id (change fields, e.g. {"enabled": false}); DELETE /api/outputs/osc/:id. Changes
 * are validated (400 naming the field), applied at once and persisted atomically. Keys may be snake_case, as in
 * the config file (rate_hz), or camelCase (rateHz). Changes need the control token (`guard`); the list is open.
 */
export function outputRoutes(osc: OscTargetRegistry, guard: RequestHandler): Router {
  const router = Router();
  const fail = (res: { status(code: number): { json(body: unknown): void } }, error: unknown): void => {
    res.status(error instanceof UnknownTargetError ? 404 : 400).json({ error: error instanceof Error ? error.message : String(error) });
  };
  router.get('/outputs', (_req, res) => {
    res.json({ osc: osc.list() });
  });
  router.post('/outputs/osc', guard, (req, res) => {
    osc.add(camelKeys(req.body)).then(
      (target) => res.status(201).json(target),
      (error: unknown) => {
        fail(res, error);
      },
    );
  });
  router.patch('/outputs/osc/:id', guard, (req: Request<{ id: string }>, res) => {
    osc.update(req.params.id, camelKeys(req.body)).then(
      (target) => res.json(target),
      (error: unknown) => {
        fail(res, error);
      },
    );
  });
  router.delete('/outputs/osc/:id', guard, (req: Request<{ id: string }>, res) => {
    osc.remove(req.params.id).then(
      () => res.status(204).end(),
      (error: unknown) => {
        fail(res, error);
      },
    );
  });
  return router;
}
