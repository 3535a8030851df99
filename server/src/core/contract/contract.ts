import { z } from 'zod';
import contractJson from '@fractalsync/config/model_contract.v1.json' with { type: 'json' };

const tensorShape = z.array(z.union([z.string(), z.number().int().positive()]));
const modelSchema = z.object({
  inputs: z.record(z.string(), tensorShape),
  outputs: z.record(z.string(), tensorShape),
  output_classes: z.array(z.string()).optional(),
});

const contractSchema = z.object({
  contract_version: z.literal(1),
  audio: z.object({
    sample_rate: z.literal(48000),
    hop: z.literal(1024),
    n_fft: z.literal(4096),
    window: z.literal('hann'),
  }),
  features: z.object({
    base: z.tuple([
      z.literal('centroid'),
      z.literal('flux'),
      z.literal('rms'),
      z.literal('zcr'),
      z.literal('onset'),
      z.literal('rolloff'),
    ]),
    window_frames: z.number().int().positive(),
    deltas: z.array(z.enum(['none', 'delta', 'delta-delta'])),
    rolloff_fraction: z.number().gt(0).lt(1),
    band_edges_hz: z.array(z.number().nonnegative()).length(7),
    beat_spectrum: z.object({
      frame: z.number().int().positive(),
      bands_per_octave: z.number().int().positive(),
      fmin_hz: z.number().positive(),
      fmax_hz: z.number().positive(),
      log_mul: z.number().positive(),
      log_add: z.number().positive(),
    }),
  }),
  beat_features: z.array(z.string()).length(5),
  sections: z.array(z.string()).length(8),
  hazard_horizons_beats: z.array(z.number().int().positive()).length(5),
  control_vector: z.array(z.string()).length(9),
  models: z.record(z.string(), modelSchema),
});

export type Contract = z.infer<typeof contractSchema>;
export type BaseFeatureName = Contract['features']['base'][number];

/** Validates a contract object; the error names every field that breaks contract v1. */
export function parseContract(value: unknown): Contract {
  const result = contractSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`model contract is not a valid contract v1:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** The frozen contract v1 shipped in config/, validated once at import. */
export const CONTRACT: Contract = parseContract(contractJson);
