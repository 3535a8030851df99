#!/usr/bin/env node
/**
 * npm run train:api -w training -- serve [--port 8790]       the training API on 127.0.0.1
 * npm run train:api -w training -- run --model anticipator|controller [--data DIR] [--epochs N] [--batch-size N]
 *   [--batches-per-epoch N] [--learning-rate X] [--window-frames N] [--deltas none|delta|delta-delta] [--out DIR]
 *   [--anticipator-run DIR]                                     the same request from the command line
 */
import { parseArgs } from 'node:util';
import { optionalNum } from '../cli/cli-args.js';
import { runCli } from '../cli/run-cli.js';
import { selectBackend } from '../train/backend.js';
import { parseTrainRequest } from './train-request.js';
import { trainApp } from './train-app.js';
import { TrainRuns } from './train-runs.js';

export const USAGE = `usage: train-api-cli serve [--port N] | run --model anticipator|controller [--data DIR] [--epochs N] [--batch-size N]
  [--batches-per-epoch N] [--learning-rate X] [--window-frames N] [--deltas none|delta|delta-delta] [--out DIR] [--anticipator-run DIR]`;

export const DEFAULT_TRAIN_API_PORT = 8790;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      model: { type: 'string' },
      data: { type: 'string' },
      epochs: { type: 'string' },
      'batch-size': { type: 'string' },
      'batches-per-epoch': { type: 'string' },
      'learning-rate': { type: 'string' },
      'window-frames': { type: 'string' },
      deltas: { type: 'string' },
      out: { type: 'string' },
      'anticipator-run': { type: 'string' },
    },
  });
  const write = (m: string): void => void process.stdout.write(`${m}\n`);
  const backend = await selectBackend();
  write(`TensorFlow.js backend: ${backend.name}`);
  const runs = new TrainRuns(() => Date.now());
  if (positionals[0] === 'serve') {
    const port = optionalNum('port', values.port) ?? DEFAULT_TRAIN_API_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${port} is invalid; expected 0..65535`);
    const server = trainApp(runs).listen(port, '127.0.0.1', () => {
      const address = server.address();
      write(`training API on http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : port}/ (open it in a browser to start and watch runs; JSON at /api/train/status)`);
    });
  } else if (positionals[0] === 'run') {
    const body = Object.fromEntries(
      Object.entries({
        model: values.model,
        data: values.data,
        epochs: optionalNum('epochs', values.epochs),
        batch_size: optionalNum('batch-size', values['batch-size']),
        batches_per_epoch: optionalNum('batches-per-epoch', values['batches-per-epoch']),
        learning_rate: optionalNum('learning-rate', values['learning-rate']),
        window_frames: optionalNum('window-frames', values['window-frames']),
        deltas: values.deltas,
        out: values.out,
        anticipator_run: values['anticipator-run'],
      }).filter(([, v]) => v !== undefined),
    );
    runs.start(parseTrainRequest(body));
    let shown = -1;
    const timer = setInterval(() => {
      const s = runs.status();
      const percent = Math.floor(s.progress * 100);
      if (percent !== shown) write(`${s.model ?? ''}: ${percent} % (epoch ${s.epoch}/${s.epochs})`);
      shown = percent;
    }, 2000);
    await runs.settled();
    clearInterval(timer);
    const s = runs.status();
    write(JSON.stringify(s, null, 1));
    if (s.status === 'failed') process.exitCode = 1;
  } else {
    throw new Error(`command "${positionals[0] ?? ''}" is unknown; expected serve or run`);
  }
}

runCli('train-api', USAGE, main);
