import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { OfflineSource } from '../audio/offline-source.js';
import { CONTRACT } from '../core/contract/contract.js';
import { HopProcessor } from '../engine/hop-processor.js';
import { parseChannel } from './flags.js';

interface AnalyzeFlags {
  json: string;
  channel: string;
}

async function openOutput(path: string): Promise<WriteStream | NodeJS.WriteStream> {
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

/** `fractalsync analyze AUDIO --json OUT.jsonl`: the live pipeline, offline, one SlowState per line. */
export async function runAnalyze(audio: string, flags: AnalyzeFlags): Promise<void> {
  try {
    const source = await OfflineSource.open(audio, { channel: parseChannel(flags.channel) });
    const processor = await HopProcessor.create(CONTRACT, () => performance.timeOrigin + performance.now());
    const out = await openOutput(flags.json);
    const started = performance.now();
    await source.start({
      audio: (block) => {
        processor.push(block, (state) => out.write(`${JSON.stringify(state)}\n`));
      },
      event: () => undefined,
    });
    const seconds = (processor.hop * CONTRACT.audio.hop) / CONTRACT.audio.sample_rate;
    if (out !== process.stdout) {
      (out as WriteStream).end();
      await once(out, 'finish');
    }
    const elapsed = (performance.now() - started) / 1000;
    process.stderr.write(`analyzed ${seconds.toFixed(2)} s of ${audio} in ${elapsed.toFixed(2)} s: ${processor.hop} hops -> ${flags.json}\n`);
  } catch (error) {
    process.stderr.write(`fractalsync analyze: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
