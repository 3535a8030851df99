import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DspActivation } from '../../src/core/beat/activation.js';
import { LearnedActivation, type NetworkHop } from '../../src/core/beat/learned-activation.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import type { FeatureLayout } from '../../src/core/features/layout.js';
import type * as StageModule from '../../src/engine/beat-model-stage.js';
import type * as ModelsModule from '../../src/engine/hop-models.js';
import { OnnxModel } from '../../src/models/onnx-model.js';
import { createPipeline } from '../support/pipeline.js';
import { beatGrid, renderBeats } from '../support/beat-signals.js';

// HopModels starts the inference thread, which runs compiled JavaScript, so these come from the build (npm run build).
const dist = (path: string): string => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const { BeatModelStage } = (await import(dist('engine/beat-model-stage.js'))) as typeof StageModule;
const { HopModels, OFFLINE_MODEL_TIMEOUT_MS, SHIPPED_MODELS_DIR } = (await import(dist('engine/hop-models.js'))) as typeof ModelsModule;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A learned activation that hands what the stage supplies to `onSupply` (and takes the card's settings as usual). */
function supplySpy(layout: FeatureLayout, onSupply: (hops: NetworkHop[]) => void): LearnedActivation {
  const activation = new LearnedActivation(new DspActivation(CONTRACT, layout));
  return Object.assign(Object.create(activation) as LearnedActivation, {
    supply: (hops: Iterable<NetworkHop>) => {
      onSupply([...hops]);
    },
    configure: (options: Parameters<LearnedActivation['configure']>[0]) => {
      activation.configure(options);
    },
  });
}

describe('BeatModelStage: the beat model per hop on the daemon path', () => {
  it('gives, hop by hop from the first hop on, what the model gives over the whole track at once', async () => {
    const audio = renderBeats(beatGrid(16, () => 124, () => 4), 8);
    const pipeline = await createPipeline();
    const { spectrumOffset, spectrumBins } = pipeline.layout;
    const models = new HopModels(OFFLINE_MODEL_TIMEOUT_MS, quiet);
    try {
      await models.load('beat_activation', `${SHIPPED_MODELS_DIR}/beat_activation.onnx`);
      const supplied: NetworkHop[] = [];
      const spy = supplySpy(pipeline.layout, (hops) => supplied.push(...hops));
      const stage = new BeatModelStage(CONTRACT, pipeline.layout, models, spy);
      const spectra: Float32Array[] = [];
      pipeline.push(audio, ({ row }) => {
        spectra.push(row.slice(spectrumOffset, spectrumOffset + spectrumBins));
        stage.process(pipeline.frames);
      });
      expect(supplied.length).toBe(spectra.length);
      const whole = await OnnxModel.load(`${SHIPPED_MODELS_DIR}/beat_activation.onnx`, { contract: CONTRACT });
      const data = new Float32Array(spectra.length * spectrumBins);
      spectra.forEach((s, i) => {
        data.set(s, i * spectrumBins);
      });
      const out = (await whole.run({ spectrum: { data, dims: [1, spectra.length, spectrumBins] } })).activation?.data ?? new Float32Array();
      await whole.close();
      let worst = 0;
      supplied.forEach((hop, t) => {
        worst = Math.max(worst, Math.abs(hop.beat - (out[t * 3] ?? NaN)), Math.abs(hop.downbeat - (out[t * 3 + 1] ?? NaN)));
      });
      expect(worst).toBeLessThan(1e-5);
      // Every hop stepped the network on this thread; none was skipped.
      expect(models.status().find((m) => m.name === 'beat_activation')?.runs).toBe(spectra.length);
    } finally {
      await models.close();
    }
  });

  it('answers as the whole-stream run from the first hop after a model is loaded mid-stream, and after the stream restarts', async () => {
    const audio = renderBeats(beatGrid(12, () => 131, () => 4), 9);
    const pipeline = await createPipeline();
    const { spectrumOffset, spectrumBins } = pipeline.layout;
    const models = new HopModels(OFFLINE_MODEL_TIMEOUT_MS, quiet);
    try {
      const supplied: { hop: number; beat: number; downbeat: number }[] = [];
      let hop = 0;
      const spy = supplySpy(pipeline.layout, (hops) => {
        for (const h of hops) supplied.push({ hop, ...h });
      });
      const stage = new BeatModelStage(CONTRACT, pipeline.layout, models, spy);
      const spectra: Float32Array[] = [];
      const half = Math.floor(audio.length / 2);
      const run = (samples: Float32Array): void => {
        pipeline.push(samples, ({ row }) => {
          spectra.push(row.slice(spectrumOffset, spectrumOffset + spectrumBins));
          hop = spectra.length;
          stage.process(pipeline.frames);
        });
      };
      run(audio.subarray(0, half));
      const before = spectra.length;
      expect(supplied).toEqual([]); // no model yet: nothing supplied, the DSP likelihood stands in
      await models.load('beat_activation', `${SHIPPED_MODELS_DIR}/beat_activation.onnx`);
      run(audio.subarray(half));
      const whole = await OnnxModel.load(`${SHIPPED_MODELS_DIR}/beat_activation.onnx`, { contract: CONTRACT });
      const reference = async (rows: Float32Array[]): Promise<Float32Array> => {
        const data = new Float32Array(rows.length * spectrumBins);
        rows.forEach((s, i) => {
          data.set(s, i * spectrumBins);
        });
        return (await whole.run({ spectrum: { data, dims: [1, rows.length, spectrumBins] } })).activation?.data ?? new Float32Array();
      };
      const out = await reference(spectra);
      expect(supplied[0]?.hop).toBe(before + 1);
      expect(supplied.length).toBe(spectra.length - before);
      let worst = 0;
      for (const s of supplied) worst = Math.max(worst, Math.abs(s.beat - (out[(s.hop - 1) * 3] ?? NaN)), Math.abs(s.downbeat - (out[(s.hop - 1) * 3 + 1] ?? NaN)));
      expect(worst).toBeLessThan(1e-5);

      // The pipeline restarts (a new file, a reset): the stream starts again with it.
      pipeline.reset();
      supplied.length = 0;
      spectra.length = 0;
      run(audio.subarray(0, half));
      const again = await reference(spectra);
      await whole.close();
      expect(supplied.length).toBe(spectra.length);
      worst = 0;
      for (const s of supplied) worst = Math.max(worst, Math.abs(s.beat - (again[(s.hop - 1) * 3] ?? NaN)));
      expect(worst).toBeLessThan(1e-5);
    } finally {
      await models.close();
    }
  });
});
