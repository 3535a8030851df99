import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/core/contract/contract.js';
import { featureLayout } from '../../src/core/features/layout.js';
import type { FeatureState } from '../../src/core/state/slow-state.js';
import type { HopInference, RuntimeModel, ThreadModel } from '../../src/engine/hop-models.js';
import { CONTROL_HOLD_HOPS, StructureStage } from '../../src/engine/structure-stage.js';
import type { ModelCard } from '../../src/models/model-card.js';
import type { TensorData } from '../../src/models/onnx-model.js';

const layout = featureLayout(CONTRACT, 80);
const features: FeatureState = { rms: 0.1, centroid: 800, flux: 0.05, zcr: 0.02, onset: 3, rolloff: 1200, bands: [1e-3, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7] };

function card(model: RuntimeModel, audio: number): ModelCard {
  return { model, contract_version: 1, file: `${model}.onnx`, dims: { audio_feature_dim: audio }, inputs: {}, outputs: {}, data: { manifest: '', manifest_hash: '' }, training_command: '', metrics: {} };
}

/** A controller that answers `value` in every entry while `up` says so, and misses its deadline otherwise. */
class FakeController implements HopInference {
  up = true;
  value = 0.5;
  readonly reports: string[] = [];
  /** The beat features of each run. */
  readonly beats: number[][] = [];
  readonly #card: ModelCard;
  constructor(audio = 131) {
    this.#card = card('controller', audio);
  }
  card(name: RuntimeModel): ModelCard | undefined {
    return name === 'controller' ? this.#card : undefined;
  }
  beatNetwork(): undefined {
    return undefined;
  }
  run(name: ThreadModel, inputs: readonly TensorData[]): TensorData[] | undefined {
    expect(name).toBe('controller');
    expect(inputs.map((t) => t.dims)).toEqual([[1, 131], [1, 5], [1, 13]]);
    this.beats.push(Array.from(inputs[1]?.data ?? []));
    return this.up ? [{ data: new Float32Array(9).fill(this.value), dims: [1, 9] }] : undefined;
  }
  report(message: string): void {
    this.reports.push(message);
  }
}

describe('StructureStage: the controller on the hop path', () => {
  it(`holds the last answer through up to ${CONTROL_HOLD_HOPS} missed hops, then gives way to the hand mapping`, () => {
    const inference = new FakeController();
    const stage = new StructureStage(CONTRACT, layout, inference);
    const row = new Float32Array(layout.rowLength);
    const step = (hop: number) => {
      expect(stage.structure(hop, hop * 0.02, row, features, undefined)).toBeUndefined();
      return stage.control(undefined, undefined, undefined, 0);
    };
    expect(step(1)?.sTarget).toBeCloseTo(0.5, 6);
    inference.value = 0.9;
    inference.up = false;
    for (let hop = 2; hop < 2 + CONTROL_HOLD_HOPS; hop++) expect(step(hop)?.sTarget).toBeCloseTo(0.5, 6);
    expect(step(2 + CONTROL_HOLD_HOPS)).toBeUndefined();
    inference.up = true;
    expect(step(3 + CONTROL_HOLD_HOPS)?.sTarget).toBeCloseTo(0.9, 6);
  });

  it("feeds the controller the phase the orbit is drawn at, the tracker's tempo and confidence", () => {
    const inference = new FakeController();
    const stage = new StructureStage(CONTRACT, layout, inference);
    const row = new Float32Array(layout.rowLength);
    const beat = { bpm: 120, spb: 0.5, phase: 0.5, beat_in_bar: 1, beats_per_bar: 4, bar_phase: 0.125, beat_count: 8, bar_count: 3, conf: 0.7, downbeat_prob: 0.2 };
    stage.structure(1, 0.02, row, features, beat);
    stage.control(beat, undefined, undefined, 7.75);
    const [sin, cos, logSpb, conf] = inference.beats[0] ?? [];
    // The tracker says phase 0.5; the orbit, a quarter of a beat behind after a jump, is at 0.75.
    expect(sin).toBeCloseTo(-1, 6);
    expect(cos).toBeCloseTo(0, 6);
    expect(logSpb).toBeCloseTo(Math.log(0.5), 6);
    expect(conf).toBeCloseTo(0.7, 6);
  });

  it('refuses, once and by name, a controller whose input width is not what this daemon builds', () => {
    const inference = new FakeController(99);
    const stage = new StructureStage(CONTRACT, layout, inference);
    const row = new Float32Array(layout.rowLength);
    for (let hop = 1; hop <= 3; hop++) {
      stage.structure(hop, hop * 0.02, row, features, undefined);
      expect(stage.control(undefined, undefined, undefined, 0)).toBeUndefined();
    }
    expect(inference.reports).toEqual([expect.stringMatching(/model controller: its card says audio_feature_dim 99; this daemon builds 131/) as unknown]);
  });
});
