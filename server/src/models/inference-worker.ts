import { parentPort, workerData } from 'node:worker_threads';
import { CONTRACT } from '../core/contract/contract.js';
import { H, readTensors, STATUS_FAILED, STATUS_NO_MODEL, STATUS_OK, viewsOf, writeTensors } from './inference-channel.js';
import type { HostToInference, InferenceToHost, InferenceWorkerData } from './inference-protocol.js';
import { OnnxModel, type TensorData } from './onnx-model.js';

/**
 * The inference thread: holds the loaded ONNX models and answers one request at a time through shared memory,
 * waiting with Atomics.waitAsync so that load and close messages are still handled between requests.
 */
function requirePort(): NonNullable<typeof parentPort> {
  if (!parentPort) throw new Error('inference-worker must run in a worker thread');
  return parentPort;
}
const port = requirePort();
const post = (message: InferenceToHost): void => {
  port.postMessage(message);
};
const views = viewsOf(workerData as InferenceWorkerData);
const models: (OnnxModel | undefined)[] = [];
let open = true;
let running: Promise<void> = Promise.resolve();

async function answer(seq: number): Promise<void> {
  const slot = views.header[H.slot] ?? -1;
  const model = models[slot];
  if (model === undefined) {
    views.header[H.count] = 0;
    views.header[H.status] = STATUS_NO_MODEL;
  } else {
    try {
      const inputs = readTensors(views);
      const names = Object.keys(model.card.inputs);
      const feeds: Record<string, TensorData> = {};
      names.forEach((name, i) => {
        const tensor = inputs[i];
        if (tensor !== undefined) feeds[name] = tensor;
      });
      const outputs = await model.run(feeds);
      writeTensors(views, Object.keys(model.card.outputs).map((name) => outputs[name] ?? { data: new Float32Array(0), dims: [0] }));
      views.header[H.status] = STATUS_OK;
    } catch (error) {
      views.header[H.count] = 0;
      views.header[H.status] = STATUS_FAILED;
      post({ type: 'run_failed', slot, error: error instanceof Error ? error.message : String(error) });
    }
  }
  Atomics.store(views.header, H.done, seq);
  Atomics.notify(views.header, H.done);
}

async function serve(): Promise<void> {
  let seen = Atomics.load(views.header, H.seq);
  while (open) {
    const waited = Atomics.waitAsync(views.header, H.seq, seen, 200);
    if (waited.async) await waited.value;
    const seq = Atomics.load(views.header, H.seq);
    if (seq === seen) continue;
    seen = seq;
    running = answer(seq);
    await running;
  }
}

/** One run on zeros before the swap: onnxruntime's first run of a session is slow, and must not cost a live hop. */
async function warmUp(model: OnnxModel): Promise<void> {
  const feeds: Record<string, TensorData> = {};
  for (const name of Object.keys(model.card.inputs)) {
    const dims = model.inputShape(name).map((d) => (typeof d === 'number' ? d : 1));
    feeds[name] = { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims };
  }
  await model.run(feeds);
}

async function load(message: Extract<HostToInference, { type: 'load' }>): Promise<void> {
  const started = performance.now();
  try {
    const model = await OnnxModel.load(message.path, { contract: CONTRACT });
    if (message.model !== undefined && model.card.model !== message.model) {
      await model.close();
      throw new Error(`${message.path} is a "${model.card.model}" model (its card says so); this slot takes "${message.model}"`);
    }
    await warmUp(model);
    const old = models[message.slot];
    // Swap between requests: the next request runs the new model; the old one is released once no run uses it.
    models[message.slot] = model;
    post({ type: 'loaded', slot: message.slot, path: message.path, card: model.card, requestId: message.requestId, loadMs: performance.now() - started });
    if (old !== undefined) {
      await running;
      await old.close();
    }
  } catch (error) {
    post({ type: 'load_failed', slot: message.slot, path: message.path, error: error instanceof Error ? error.message : String(error), requestId: message.requestId });
  }
}

port.on('message', (message: HostToInference) => {
  if (message.type === 'load') {
    void load(message);
    return;
  }
  open = false;
  void (async () => {
    await running;
    for (const model of models) await model?.close();
    post({ type: 'closed' });
  })();
});

void serve();
