import { parentPort, workerData } from 'node:worker_threads';
import { createSource, parseInputSpec } from '../audio/create-source.js';
import { startGapFiller } from '../audio/gap-filler.js';
import type { AudioSink, AudioSource, SourceEvent } from '../audio/source.js';
import { CONTRACT } from '../core/contract/contract.js';
import type { Logger } from '../log.js';
import { HopModels } from './hop-models.js';
import { HopProcessor } from './hop-processor.js';
import { LevelMeter } from './level-meter.js';
import type { InputState } from './status.js';
import type { EngineWorkerData, MainToWorker, WorkerToMain } from './worker-protocol.js';

/**
 * The analysis thread: it owns the audio source and the whole per-hop computation, so nothing here can
 * delay the sockets or the MIDI clock on other threads. It posts one serialised SlowState per hop.
 */
function requireParentPort(): NonNullable<typeof parentPort> {
  if (!parentPort) throw new Error('analysis-worker must run in a worker thread');
  return parentPort;
}
const port = requireParentPort();
const post = (message: WorkerToMain): void => {
  port.postMessage(message);
};
const log: Logger = {
  debug: (msg) => { post({ type: 'log', level: 'debug', msg }); },
  info: (msg) => { post({ type: 'log', level: 'info', msg }); },
  warn: (msg) => { post({ type: 'log', level: 'warn', msg }); },
  error: (msg) => { post({ type: 'log', level: 'error', msg }); },
};
const data = workerData as EngineWorkerData;
const wall = (): number => performance.timeOrigin + performance.now();
const STATUS_PERIOD_MS = 500;

async function run(): Promise<void> {
  const models = new HopModels(data.modelTimeoutMs, log);
  if (data.modelsDir !== undefined) await models.loadDir(data.modelsDir);
  const processor = await HopProcessor.create(CONTRACT, wall, {}, models);
  const meter = new LevelMeter(CONTRACT.audio.sample_rate);
  let inputState: InputState = 'starting';
  let message: string | null = null;
  let stopFiller = (): void => undefined;
  let filledSamples = (): number => 0;
  let hopsAtLastStatus = 0;
  let lastStatusWall = wall();

  const analyse = (block: Float32Array): void => {
    meter.add(block);
    processor.push(block, (state) => {
      post({ type: 'state', hop: state.hop, t: state.t, wall: state.wall, json: JSON.stringify(state) });
    });
  };
  const onEvent = (event: SourceEvent): void => {
    message = event.message;
    inputState = event.type === 'stalled' ? 'stalled' : event.type === 'recovered' ? 'running' : event.type === 'ended' ? 'ended' : 'error';
    if (event.type === 'recovered') log.info(`input recovered: ${event.message}`);
    else log.warn(`input ${event.type}: ${event.message}`);
    post({ type: 'event', event });
  };

  const spec = parseInputSpec(data.input);
  const source: AudioSource = await createSource(spec, { device: data.device, channel: data.channel, loop: data.loop, realtime: true }, log);
  const sink: AudioSink = { audio: analyse, event: onEvent };
  if (source.info.realtime) {
    // While a real-time input delivers nothing, silence keeps the hop clock running at wall-clock pace.
    const filler = startGapFiller(sink, { setInterval, clearInterval, now: wall });
    stopFiller = () => {
      filler.stop();
    };
    filledSamples = () => filler.filledSamples;
    await source.start(filler.sink);
  } else {
    await source.start(sink);
  }
  inputState = 'running';
  post({ type: 'started', source: source.info });

  const statusTimer = setInterval(() => {
    const now = wall();
    const hops = processor.hop;
    post({
      type: 'status',
      status: {
        input: {
          source: source.info,
          state: inputState,
          message,
          level_rms: meter.rms,
          level_peak: meter.peak,
          clipping: meter.clipping,
          clipped_samples: meter.clippedSamples,
          silent_fill_hops: Math.floor(filledSamples() / CONTRACT.audio.hop),
        },
        processing: {
          hop: hops,
          t: (hops * CONTRACT.audio.hop) / CONTRACT.audio.sample_rate,
          hop_ms_median: processor.timer.percentile(50),
          hop_ms_p99: processor.timer.percentile(99),
          hops_per_second: ((hops - hopsAtLastStatus) * 1000) / Math.max(1, now - lastStatusWall),
        },
      },
    });
    post({ type: 'models', models: models.status() });
    hopsAtLastStatus = hops;
    lastStatusWall = now;
  }, STATUS_PERIOD_MS);

  port.on('message', (msg: MainToWorker) => {
    if (msg.type === 'beat') {
      processor.command(msg.command);
      return;
    }
    if (msg.type === 'control_source') {
      processor.controlSource = msg.choice;
      return;
    }
    if (msg.type === 'load_model') {
      models.load(msg.name, msg.path).then(
        (card) => { post({ type: 'model_loaded', id: msg.id, card }); },
        (error: unknown) => { post({ type: 'model_failed', id: msg.id, error: error instanceof Error ? error.message : String(error) }); },
      );
      return;
    }
    clearInterval(statusTimer);
    stopFiller();
    // The source stops first: no hop can then be waiting on a model when its thread closes.
    void source.stop().then(() => models.close()).finally(() => {
      post({ type: 'stopped' });
    });
  });
}

run().catch((error: unknown) => {
  post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
});
