/**
 * A training request, as POST /api/train/start and the CLI take it, validated with zod so a bad field is
 * answered with its name, the value given and what is allowed.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { CONTRACT } from '@fractalsync/server/core/contract/contract';
import { CACHE_DIR } from '../repo-paths.js';

export const TRAINABLE_MODELS = ['anticipator', 'controller'] as const;
export type TrainableModel = (typeof TRAINABLE_MODELS)[number];

export const trainRequestSchema = z
  .object({
    model: z.enum(TRAINABLE_MODELS),
    /** A structure set folder (with manifest.json) or its manifest. */
    data: z.string().min(1).default(join(CACHE_DIR, 'structure', 'structure-v1')),
    epochs: z.number().int().min(1).max(1000).default(12),
    batch_size: z.number().int().min(1).max(8192).default(256),
    batches_per_epoch: z.number().int().min(1).max(100_000).default(150),
    learning_rate: z.number().gt(0).max(1).default(1e-3),
    window_frames: z.number().int().min(1).max(64).default(CONTRACT.features.window_frames),
    deltas: z.enum(['none', 'delta', 'delta-delta']).default('none'),
    /** Run folder; default .cache/runs/api-<model>. */
    out: z.string().min(1).optional(),
    /** Controller only: the anticipator run whose predictions feed stage 2. */
    anticipator_run: z.string().min(1).optional(),
  })
  .strict();

export type TrainRequest = z.infer<typeof trainRequestSchema>;

/** Parses a request body; the error lists every bad field as `field: problem (got value)`. */
export function parseTrainRequest(body: unknown): TrainRequest {
  const result = trainRequestSchema.safeParse(body);
  if (result.success) return result.data;
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(body)';
    const got = issue.path.length > 0 ? ` (got ${JSON.stringify(record[String(issue.path[0])])})` : '';
    return `${field}: ${issue.message}${got}`;
  });
  throw new TrainRequestError(`invalid training request: ${problems.join('; ')}`);
}

export class TrainRequestError extends Error {}
