import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DspActivation } from '../../src/core/beat/activation.js';
import { LearnedActivation, type NetworkHop } from '../../src/core/beat/learned-activation.js';
import { CONTRACT } from '../../src/core/contract/contract.js';
import type * as StageModule from '../../src/engine/beat-model-stage.js';
import type * as ModelsModule from '../../src/engine/hop-models.js';
import { OnnxModel } from '../../src/models/onnx-model.js';
import { createPipeline } from '../support/pipeline.js';
import { beatGrid, renderBeats } from '../support/beat-signals.js';

// The inference thread runs compiled JavaScript, so these come from the build (npm run build).
const dist = (path: string): string => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const { BeatModelStage } = (await import(dist('engine/beat-model-stage.js'))) as typeof StageModule;
const { HopModels, OFFLINE_MODEL_TIMEOUT_MS, SHIPPED_MODELS_DIR } = (await import(dist('engine/hop-models.js'))) as typeof ModelsModule;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('BeatModelStage: the beat model per hop on the daemon path', () => {
  it('gives, hop by hop from the first hop on, what the model gives over the whole track at once', async () => {
    const audio = renderBeats(beatGrid(16, () => 124, () => 4), 8);
    const pipeline = await createPipeline();
    const { spectrumOffset, spectrumBins } = pipeline.layout;
    const models = new HopModels(OFFLINE_MODEL_TIMEOUT_MS, quiet);
    try {
      await models.load('beat_activation', `${SHIPPED_MODELS_DIR}/beat_activation.onnx`);
      const supplied: NetworkHop[] = [];
      const activation = new LearnedActivation(new DspActivation(CONTRACT, pipeline.layout));
      const spy = Object.assign(Object.create(activation) as LearnedActivation, {
        supply: (hops: Iterable<NetworkHop>) => {
          supplied.push(...hops);
        },
        configure: (options: Parameters<LearnedActivation['configure']>[0]) => {
          activation.configure(options);
        },
      });
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
      // Every hop ran the model on the inference thread; none was skipped.
      expect(models.status().find((m) => m.name === 'beat_activation')?.runs).toBe(spectra.length);
    } finally {
      await models.close();
    }
  });
});
