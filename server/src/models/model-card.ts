/**
 * The model card that ships beside every ONNX file (`NAME.card.json`): which contract and model it implements,
 * the concrete sizes of the contract's symbolic dimensions, and where it came from (data, command, metrics).
 */
import { z } from 'zod';
import type { Contract } from '../core/contract/contract.js';
import { checkThresholds } from '../core/models/boundary-alarm.js';

export type Dim = number | string;
export type TensorShapes = Record<string, Dim[]>;

export interface ModelCard {
  /** The contract's model name, e.g. "beat_activation". */
  model: string;
  contract_version: number;
  /** The ONNX file name, relative to the card. */
  file: string;
  /** Sizes of the contract's symbolic dimensions this model fixes (e.g. beat_spectrum_bins: 80). */
  dims: Record<string, number>;
  inputs: TensorShapes;
  outputs: TensorShapes;
  /** What the model's inputs are made of, when the contract leaves it open (e.g. the feature_dim columns). */
  input_notes?: Record<string, unknown>;
  data: { manifest: string; manifest_hash: string };
  training_command: string;
  metrics: Record<string, unknown>;
  /**
   * The anticipator's "boundary in N beats" alarm: per hazard horizon, the hazard that raises it, or null for a
   * horizon that never does (core/models/boundary-alarm.ts); chosen on validation songs. Absent: 0.5 for every horizon.
   */
  alarm_thresholds?: (number | null)[];
}

/** Dimensions a caller chooses per run; every other symbolic dimension must be fixed by the card's `dims`. */
export const FREE_DIMS: readonly string[] = ['batch', 'frames'];

const shapes = z.record(z.string(), z.array(z.union([z.string().min(1), z.number().int().positive()])));
const cardSchema = z.object({
  model: z.string().min(1),
  contract_version: z.number().int(),
  file: z.string().min(1),
  dims: z.record(z.string(), z.number().int().positive()),
  inputs: shapes,
  outputs: shapes,
  input_notes: z.record(z.string(), z.unknown()).optional(),
  data: z.object({ manifest: z.string(), manifest_hash: z.string() }),
  training_command: z.string(),
  metrics: z.record(z.string(), z.unknown()),
  alarm_thresholds: z.array(z.number().gt(0).lt(1).nullable()).optional(),
});

/** Validates parsed JSON as a model card; the error names the source and every bad field. */
export function parseModelCard(json: unknown, source: string): ModelCard {
  const result = cardSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`model card ${source} is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** The card's shape with its symbolic dimensions resolved: free dimensions stay names, the rest become sizes. */
export function resolveShape(shape: readonly Dim[], dims: Record<string, number>): Dim[] {
  return shape.map((d) => (typeof d === 'number' || FREE_DIMS.includes(d) ? d : (dims[d] ?? d)));
}

function describe(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Checks a card against the contract: same contract version, a model the contract names, the same tensor names,
 * and shapes that match the contract's once the card's `dims` are put in. Throws naming the first mismatch.
 */
export function checkCardAgainstContract(card: ModelCard, contract: Contract, source: string): void {
  if (card.contract_version !== contract.contract_version) {
    throw new Error(`${source}: model card names contract version ${card.contract_version}; this build runs contract version ${contract.contract_version}`);
  }
  const spec = contract.models[card.model];
  if (card.alarm_thresholds !== undefined) checkThresholds(card.alarm_thresholds, contract.hazard_horizons_beats, source);
  if (spec === undefined) throw new Error(`${source}: model "${card.model}" is not in the contract; expected one of ${Object.keys(contract.models).join(', ')}`);
  if (card.dims.window_frames !== undefined && card.dims.window_frames !== contract.features.window_frames) {
    throw new Error(`${source}: dims.window_frames is ${card.dims.window_frames}; the contract fixes ${contract.features.window_frames}`);
  }
  for (const [kind, expected, actual] of [
    ['input', spec.inputs, card.inputs],
    ['output', spec.outputs, card.outputs],
  ] as const) {
    const want = Object.keys(expected).sort().join(', ');
    const have = Object.keys(actual).sort().join(', ');
    if (want !== have) throw new Error(`${source}: ${kind} tensors are [${have}]; contract model "${card.model}" has [${want}]`);
    for (const [name, shape] of Object.entries(expected)) {
      const contractShape = resolveShape(shape, card.dims);
      const cardShape = resolveShape(actual[name] ?? [], card.dims);
      const unresolved = contractShape.find((d) => typeof d === 'string' && !FREE_DIMS.includes(d));
      if (unresolved !== undefined) throw new Error(`${source}: ${kind} "${name}" dimension "${String(unresolved)}" has no size in the card's dims`);
      if (describe(contractShape) !== describe(cardShape)) {
        throw new Error(`${source}: ${kind} "${name}" has shape ${describe(cardShape)}; the contract requires ${describe(contractShape)}`);
      }
    }
  }
}
