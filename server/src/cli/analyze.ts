import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { OfflineSource } from '../audio/offline-source.js';
import { CONTRACT } from '../core/contract/contract.js';
import { HopModels, OFFLINE_MODEL_TIMEOUT_MS, SHIPPED_MODELS_DIR } from '../engine/hop-models.js';
import { HopProcessor } from '../engine/hop-processor.js';
import { parseChannel } from './flags.js';

interface AnalyzeFlags {
  json?: string;
  beats?: string;
  channel: string;
  /** Folder of the runtime models, or false (--no-models) for the hand-written paths only. */
  models: string | boolean;
}

type Output = WriteStream | NodeJS.WriteStream;

async function openOutput(path: string): Promise<Output> {
  if (path === '-') return process.stdout;
  const stream = createWriteStream(path);
  await Promise.race([
    once(stream, 'open'),
    once(stream, 'error').then(([error]) => {
      throw new Error(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }),
  ]);
  return stream;
}

async function closeOutput(out: Output | undefined): Promise<void> {
  if (out === undefined || out === process.stdout) return;
  (out as WriteStream).end();
  await once(out, 'finish');
}

/**
 * `fractalsync analyze AUDIO [--json OUT.jsonl] [--beats OUT.txt]`: the live pipeline, offline. --json writes one
 * SlowState per line; --beats one line per beat, `time_in_seconds beat_position` (1 = downbeat).
 */
export async function runAnalyze(audio: string, flags: AnalyzeFlags): Promise<void> {
  let models: HopModels | undefined;
  try {
    if (flags.json === undefined && flags.beats === undefined) throw new Error('nothing to write: give --json OUT.jsonl, --beats OUT.txt, or both');
    const source = await OfflineSource.open(audio, { channel: parseChannel(flags.channel) });
    const log = { debug: () => undefined, info: () => undefined, warn: (msg: string) => process.stderr.write(`${msg}\n`), error: (msg: string) => process.stderr.write(`${msg}\n`) };
    models = flags.models === false ? undefined : new HopModels(OFFLINE_MODEL_TIMEOUT_MS, log);
    await models?.loadDir(typeof flags.models === 'string' ? flags.models : SHIPPED_MODELS_DIR);
    const processor = await HopProcessor.create(CONTRACT, () => performance.timeOrigin + performance.now(), {}, models);
    const json = flags.json === undefined ? undefined : await openOutput(flags.json);
    const beats = flags.beats === undefined ? undefined : await openOutput(flags.beats);
    const started = performance.now();
    let beatCount = 0;
    await source.start({
      audio: (block) => {
        processor.push(
          block,
          (state) => json?.write(`${JSON.stringify(state)}\n`),
          (event) => {
            beatCount++;
            beats?.write(`${event.time.toFixed(4)} ${event.beatInBar}\n`);
          },
        );
      },
      event: () => undefined,
    });
    const seconds = (processor.hop * CONTRACT.audio.hop) / CONTRACT.audio.sample_rate;
    await closeOutput(json);
    await closeOutput(beats);
    const elapsed = (performance.now() - started) / 1000;
    await models?.close();
    process.stderr.write(`analyzed ${seconds.toFixed(2)} s of ${audio} in ${elapsed.toFixed(2)} s: ${processor.hop} hops, ${beatCount} beats\n`);
  } catch (error) {
    await models?.close();
    process.stderr.write(`fractalsync analyze: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
