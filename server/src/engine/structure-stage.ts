import type { Contract } from '../core/contract/contract.js';
import type { FeatureLayout } from '../core/features/layout.js';
import { controlFromOutput, structureFromLogits } from '../core/models/model-outputs.js';
import { BoundaryAlarm, uniformThresholds } from '../core/models/boundary-alarm.js';
import { orbitStateFeatures, useOrbitPhase } from '../core/models/controller-inputs.js';
import { AudioFeatureWindow, beatFeatures, structureFeatures } from '../core/models/model-inputs.js';
import { CONTEXT_SIZE, StructureContext } from '../core/models/structure-context.js';
import type { BeatState, FeatureState, StructureState } from '../core/state/slow-state.js';
import { SectionHysteresis } from '../core/clock/section-hysteresis.js';
import type { HopIndex, Seconds } from '../core/units.js';
import type { ControlVector } from '../core/visual/control-vector.js';
import type { OrbitPoint } from '../core/visual/orbit.js';
import type { ModelCard } from '../models/model-card.js';
import type { HopInference, RuntimeModel } from './hop-models.js';

/**
 * How long a new leading section must lead before `section` changes. On held-out songs 1 s turned 79 label changes in
 * 3 minutes (10 real ones) into 12, for 1 point of accuracy (docs/STRUCTURE.md).
 */
export const SECTION_HOLD: Seconds = 1;

/**
 * Hops a controller answer is held when the next runs miss their deadline (about 0.2 s): a single late hop keeps
 * the model's control vector instead of jumping to the hand mapping and back.
 */
export const CONTROL_HOLD_HOPS = 10;

/**
 * The section anticipator and the controller on the hop path, fed exactly as they were trained
 * (docs/STRUCTURE.md, "Runtime wiring"): the anticipator's audio input is the scaled feature window then the
 * long structure context; it runs on the first hop and every other hop after, and its answer is held between
 * runs. The controller runs every hop on the window, the context and the orbit's state after the previous hop.
 * A missing, late or failing model gives no answer: SlowState then has no structure block, and the hand-written
 * mapping makes the control vector.
 */
export class StructureStage {
  readonly #inference: HopInference;
  readonly #sections: readonly string[];
  readonly #horizons: readonly number[];
  readonly #window: AudioFeatureWindow;
  readonly #context: StructureContext;
  readonly #contextOut = new Float32Array(CONTEXT_SIZE);
  readonly #beat = new Float32Array(5);
  readonly #controllerBeat = new Float32Array(5);
  readonly #structure = new Float32Array(13);
  readonly #checked = new Map<RuntimeModel, ModelCard>();
  readonly #refused = new Set<ModelCard>();
  #held: StructureState | undefined;
  #lastControl: ControlVector | undefined;
  #missedControl = 0;
  readonly #section = new SectionHysteresis(SECTION_HOLD);
  /** The boundary alarm with the thresholds of the anticipator card it was made for. */
  #alarm: { card: ModelCard; alarm: BoundaryAlarm } | undefined;

  constructor(contract: Contract, layout: FeatureLayout, inference: HopInference) {
    this.#inference = inference;
    this.#sections = contract.sections;
    this.#horizons = contract.hazard_horizons_beats;
    this.#window = new AudioFeatureWindow(contract, layout, 'none');
    this.#context = new StructureContext(contract.audio.hop / contract.audio.sample_rate);
  }

  reset(): void {
    this.#window.reset();
    this.#context.reset();
    this.#held = undefined;
    this.#section.reset();
    this.#alarm = undefined;
    this.#lastControl = undefined;
    this.#missedControl = 0;
  }

  /**
   * Adds the hop; returns the structure block for its SlowState, if any: `section_probs` and `hazard` as the model
   * gave them (held between its runs), `section` the label that has led for SECTION_HOLD (so OSC's section-change
   * messages and every display follow the song's sections, not each waver of the classifier).
   */
  structure(hop: HopIndex, t: Seconds, row: Float32Array, features: FeatureState, beat: BeatState | undefined): StructureState | undefined {
    this.#window.push(row);
    this.#context.push(features, beat);
    if (!this.#usable('anticipator', this.#window.size + CONTEXT_SIZE)) {
      this.#held = undefined;
      this.#section.reset();
      this.#alarm = undefined;
      return undefined;
    }
    // Hops count from 1; training ran on 0-based rows 0, 1, 3, 5, ...: hops 1, 2, 4, 6, ...
    if (hop === 1 || hop % 2 === 0 || this.#held === undefined) {
      const audio = concat(this.#window.vector(), this.#context.vector(this.#contextOut));
      const out = this.#inference.run('anticipator', [
        { data: audio, dims: [1, audio.length] },
        { data: beatFeatures(beat, this.#beat), dims: [1, 5] },
      ]);
      const sections = out?.[0]?.data;
      const hazard = out?.[1]?.data;
      if (sections !== undefined && hazard !== undefined) {
        try {
          this.#held = structureFromLogits(this.#sections, sections, hazard);
        } catch (error) {
          this.#inference.report(`anticipator answered something unusable (${error instanceof Error ? error.message : String(error)}); hop skipped`);
        }
      }
    }
    if (this.#held === undefined) return undefined;
    const section = this.#section.update(this.#held.section, t) ?? this.#held.section;
    const boundaryIn = this.#boundaryAlarm()?.update(this.#held.hazard, t);
    return boundaryIn === undefined ? { ...this.#held, section } : { ...this.#held, section, boundary_in: boundaryIn };
  }

  /**
   * The controller's control vector for this hop; a missed hop repeats the last answer for up to CONTROL_HOLD_HOPS.
   * Undefined when there is no usable controller or it has missed for longer: the hand mapping takes over.
   * `orbitBeats` is the beat position the orbit is drawn at this hop, whose phase the controller sees (controller-inputs.ts).
   */
  control(beat: BeatState | undefined, structure: StructureState | undefined, orbit: OrbitPoint | undefined, orbitBeats: number): ControlVector | undefined {
    if (!this.#usable('controller', this.#window.size + CONTEXT_SIZE + 3)) {
      this.#lastControl = undefined;
      return undefined;
    }
    const fresh = this.#runController(beat, structure, orbit, orbitBeats);
    if (fresh !== undefined) {
      this.#lastControl = fresh;
      this.#missedControl = 0;
      return fresh;
    }
    this.#missedControl++;
    return this.#missedControl <= CONTROL_HOLD_HOPS ? this.#lastControl : undefined;
  }

  #runController(beat: BeatState | undefined, structure: StructureState | undefined, orbit: OrbitPoint | undefined, orbitBeats: number): ControlVector | undefined {
    // Without an anticipator the controller sees a flat section distribution and no hazard.
    const probs = structure?.section_probs ?? new Array<number>(8).fill(1 / 8);
    const hazard = structure?.hazard ?? new Array<number>(5).fill(0);
    const audio = concat(this.#window.vector(), this.#context.vector(this.#contextOut), orbitStateFeatures(orbit));
    const out = this.#inference.run('controller', [
      { data: audio, dims: [1, audio.length] },
      { data: useOrbitPhase(beatFeatures(beat, this.#controllerBeat), 0, orbitBeats), dims: [1, 5] },
      { data: structureFeatures(probs, hazard, this.#structure), dims: [1, 13] },
    ]);
    const raw = out?.[0]?.data;
    if (raw === undefined) return undefined;
    try {
      return controlFromOutput(raw);
    } catch (error) {
      this.#inference.report(`controller answered something unusable (${error instanceof Error ? error.message : String(error)}); hop skipped`);
      return undefined;
    }
  }

  /** The alarm for the anticipator's current card (a new card, new thresholds: a fresh alarm). */
  #boundaryAlarm(): BoundaryAlarm | undefined {
    const card = this.#checked.get('anticipator');
    if (card === undefined) return undefined;
    if (this.#alarm?.card !== card) this.#alarm = { card, alarm: new BoundaryAlarm(this.#horizons, card.alarm_thresholds ?? uniformThresholds(this.#horizons)) };
    return this.#alarm.alarm;
  }

  /** Whether `name` is loaded with the input width this stage builds; a card that disagrees is refused once, by name. */
  #usable(name: RuntimeModel, width: number): boolean {
    const card = this.#inference.card(name);
    if (card === undefined) return false;
    if (this.#checked.get(name) === card) return true;
    if (this.#refused.has(card)) return false;
    const dim = card.dims.audio_feature_dim;
    if (dim !== width) {
      this.#refused.add(card);
      this.#inference.report(`model ${name}: its card says audio_feature_dim ${String(dim)}; this daemon builds ${width} (window + structure context${name === 'controller' ? ' + orbit state' : ''}), so it is not used`);
      return false;
    }
    this.#checked.set(name, card);
    return true;
  }
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
