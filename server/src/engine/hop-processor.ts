import { DspActivation } from '../core/beat/activation.js';
import { BeatTracker, type BeatEvent, type BeatTrackerOptions } from '../core/beat/beat-tracker.js';
import { LearnedActivation } from '../core/beat/learned-activation.js';
import type { BeatCommand } from '../core/beat/commands.js';
import type { Contract } from '../core/contract/contract.js';
import { stateBeats, stateSpb } from '../core/clock/fast-clock.js';
import { AnalysisPipeline } from '../core/pipeline/analysis-pipeline.js';
import type { ControlSourceChoice } from '../core/scene/scene.js';
import { featureStateFromRow } from '../core/state/feature-state.js';
import type { SlowState } from '../core/state/slow-state.js';
import type { Milliseconds, Seconds } from '../core/units.js';
import { controlToArray } from '../core/visual/control-vector.js';
import { ManualMapping } from '../core/visual/manual-mapping.js';
import type { OrbitPoint } from '../core/visual/orbit.js';
import { OrbitBeats } from '../core/visual/orbit-beats.js';
import { OrbitSynth } from '../core/visual/orbit-synth.js';
import { createAnalysisBackends } from '../dsp/backends.js';
import { loadBeatKernels } from '../dsp/wasm-beat-kernels.js';
import { BeatModelStage, type BeatModelOptions } from './beat-model-stage.js';
import { StructureStage } from './structure-stage.js';
import type { HopInference } from './hop-models.js';
import { HopTimer } from './hop-timer.js';

/**
 * The one causal path from samples to SlowState, shared by the live daemon's worker and by
 * `fractalsync analyze`: same pipeline, same beat tracker, same state building, same timing.
 */
export class HopProcessor {
  readonly timer = new HopTimer();
  readonly #pipeline: AnalysisPipeline;
  readonly #tracker: BeatTracker;
  readonly #wall: () => Milliseconds;
  readonly #hopSeconds: Seconds;
  readonly #mapping = new ManualMapping();
  readonly #orbitBeats = new OrbitBeats();
  readonly #orbit = new OrbitSynth();
  readonly #beatModel: BeatModelStage | undefined;
  readonly #structure: StructureStage | undefined;
  #orbitPoint: OrbitPoint | undefined;
  /** The VJ's choice; until a controller model is loaded every hop's control is the hand-written mapping's. */
  controlSource: ControlSourceChoice = 'auto';

  private constructor(
    pipeline: AnalysisPipeline,
    tracker: BeatTracker,
    wall: () => Milliseconds,
    hopSeconds: Seconds,
    stages: { beatModel?: BeatModelStage; structure?: StructureStage } = {},
  ) {
    this.#pipeline = pipeline;
    this.#tracker = tracker;
    this.#wall = wall;
    this.#hopSeconds = hopSeconds;
    this.#beatModel = stages.beatModel;
    this.#structure = stages.structure;
  }

  /**
   * `models`: the ONNX models to run per hop (the daemon's and offline runs' HopModels); without it, or while a
   * model is absent, each stage runs its hand-written path (DSP activation, manual control mapping).
   */
  static async create(
    contract: Contract,
    wall: () => Milliseconds,
    tracker: BeatTrackerOptions = {},
    models?: HopInference,
    beatModel: BeatModelOptions = {},
  ): Promise<HopProcessor> {
    const [backends, kernels] = await Promise.all([createAnalysisBackends(contract), loadBeatKernels()]);
    const pipeline = new AnalysisPipeline(contract, backends);
    const hopSeconds = contract.audio.hop / contract.audio.sample_rate;
    if (models === undefined) return new HopProcessor(pipeline, new BeatTracker(contract, pipeline.layout, kernels, tracker), wall, hopSeconds);
    const structure = new StructureStage(contract, pipeline.layout, models);
    // A caller that brings its own activation stage (a test, a tuning run) keeps it; otherwise the learned one.
    if (tracker.activation !== undefined) return new HopProcessor(pipeline, new BeatTracker(contract, pipeline.layout, kernels, tracker), wall, hopSeconds, { structure });
    const activation = new LearnedActivation(new DspActivation(contract, pipeline.layout));
    const stage = new BeatModelStage(contract, pipeline.layout, models, activation, beatModel);
    return new HopProcessor(pipeline, new BeatTracker(contract, pipeline.layout, kernels, { ...tracker, activation }), wall, hopSeconds, { beatModel: stage, structure });
  }

  get hop(): number {
    return this.#pipeline.hopIndex;
  }

  get tracker(): BeatTracker {
    return this.#tracker;
  }

  reset(): void {
    this.#pipeline.reset();
    this.#tracker.reset();
    this.#mapping.reset();
    this.#orbitBeats.reset();
    this.#orbit.reset();
    this.#structure?.reset();
    this.#orbitPoint = undefined;
  }

  /** Queues a manual beat command for the next hop. */
  command(command: BeatCommand): void {
    this.#tracker.command(command);
  }

  /** Feeds samples; emits one SlowState per completed hop (and each beat once), timing each hop's processing. */
  push(samples: Float32Array, onState: (state: SlowState) => void, onBeat?: (event: BeatEvent) => void): void {
    let start = performance.now();
    this.#pipeline.push(samples, ({ hop, t, row }) => {
      this.#beatModel?.process(this.#pipeline.frames);
      const beat = this.#tracker.process(row, t);
      const features = featureStateFromRow(row, this.#pipeline.layout);
      const state: SlowState = { v: 1, hop, t, wall: this.#wall(), beat: beat.state, features };
      const structure = this.#structure?.structure(hop, t, row, features, state.beat);
      if (structure !== undefined) state.structure = structure;
      // The hand mapping runs every hop, so its followers are current whenever the VJ switches to it.
      const manual = this.#mapping.process(features, state.beat, state.structure, this.#hopSeconds);
      // Where the orbit is drawn this hop: the tracker's beat position, gliding across its jumps. The controller sees its phase.
      const orbitBeats = this.#orbitBeats.step(stateBeats(state), stateSpb(state), this.#hopSeconds);
      const learned = this.controlSource === 'auto' ? this.#structure?.control(state.beat, state.structure, this.#orbitPoint, orbitBeats) : undefined;
      const control = learned ?? manual;
      const orbit = this.#orbit.step(control, orbitBeats, this.#hopSeconds);
      this.#orbitPoint = orbit;
      state.control = controlToArray(control);
      state.c = [orbit.c.re, orbit.c.im];
      state.orbit_beats = orbitBeats;
      state.control_source = learned === undefined ? 'manual' : 'model';
      if (onBeat) for (const event of beat.events) onBeat(event);
      onState(state);
      const end = performance.now();
      this.timer.record(end - start);
      start = end;
    });
  }
}
