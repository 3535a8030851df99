import type { StructureState } from '../state/slow-state.js';
import { parseControl, type ControlVector } from '../visual/control-vector.js';
import { sigmoid, softmax } from './model-inputs.js';

/**
 * What the anticipator's and the controller's raw outputs mean. Hysteresis on section changes is the
 * visualizer's job; here logits only become probabilities and the control vector is clamped to its ranges.
 */

export const SECTION_COUNT = 8;
export const HAZARD_COUNT = 5;

function checkFinite(what: string, values: ArrayLike<number>, length: number): void {
  if (values.length !== length) throw new Error(`${what} must have ${length} values, got ${values.length}`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || !Number.isFinite(v)) throw new Error(`${what}[${i}] must be a finite number, got ${String(v)}`);
  }
}

/** Section logits (8, contract order) and hazard logits (5 horizons) to SlowState's structure block. */
export function structureFromLogits(sections: readonly string[], sectionLogits: ArrayLike<number>, hazardLogits: ArrayLike<number>): StructureState {
  if (sections.length !== SECTION_COUNT) throw new Error(`expected the contract's ${SECTION_COUNT} section labels, got ${sections.length}`);
  checkFinite('section_logits', sectionLogits, SECTION_COUNT);
  checkFinite('hazard_logits', hazardLogits, HAZARD_COUNT);
  const probs = softmax(sectionLogits);
  let best = 0;
  probs.forEach((p, i) => {
    if (p > (probs[best] ?? 0)) best = i;
  });
  return {
    section: sections[best] ?? 'silence',
    section_probs: probs,
    hazard: Array.from({ length: HAZARD_COUNT }, (_, i) => sigmoid(hazardLogits[i] ?? 0)),
  };
}

/** The controller's 9 outputs as a control vector, each entry clamped to its range (control-vector.ts). */
export function controlFromOutput(output: ArrayLike<number>): ControlVector {
  return parseControl(Array.from(output));
}
