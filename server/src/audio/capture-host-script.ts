import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CONTRACT } from '../core/contract/contract.js';

/** What the parent asks the capture host to open (passed as JSON in FRACTALSYNC_CAPTURE). */
export interface CaptureHostRequest {
  deviceId: string | undefined;
  channels: number;
  interpretation: 'speakers' | 'discrete';
}

/** Messages on the IPC channel from the host; audio itself flows as raw f32 blocks on stdout. */
export type CaptureHostMessage = { type: 'ready'; sampleRate: number } | { type: 'error'; reason: string };

export function libraryUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('node-web-audio-api')).href;
}

/**
 * The capture host, run with `node --input-type=module -e`: AudioContext (clocked by the device) -> getUserMedia ->
 * ScriptProcessor of one hop -> stdout, channel after channel, one block per hop. A muted gain into the destination
 * keeps the processor rendered. The host exits when its parent goes away.
 */
export function captureHostScript(): string {
  const hop = CONTRACT.audio.hop;
  return `
import { AudioContext, mediaDevices } from ${JSON.stringify(libraryUrl())};
const request = JSON.parse(process.env.FRACTALSYNC_CAPTURE ?? '{}');
process.on('disconnect', () => process.exit(0));
try {
  const context = new AudioContext({ sampleRate: ${CONTRACT.audio.sample_rate}, latencyHint: 'interactive' });
  const constraints = { sampleRate: context.sampleRate, ...(request.deviceId === undefined ? {} : { deviceId: request.deviceId }) };
  const stream = await mediaDevices.getUserMedia({ audio: constraints });
  const input = context.createMediaStreamSource(stream);
  const processor = context.createScriptProcessor(${hop}, request.channels, 1);
  processor.channelInterpretation = request.interpretation;
  const mute = context.createGain();
  mute.gain.value = 0;
  processor.onaudioprocess = (event) => {
    const block = Buffer.alloc(${hop} * 4 * request.channels);
    const view = new Float32Array(block.buffer, block.byteOffset, ${hop} * request.channels);
    for (let c = 0; c < request.channels; c++) view.set(event.inputBuffer.getChannelData(c), c * ${hop});
    process.stdout.write(block);
  };
  input.connect(processor);
  processor.connect(mute);
  mute.connect(context.destination);
  process.send({ type: 'ready', sampleRate: context.sampleRate });
} catch (error) {
  const name = error && error.name && error.name !== 'Error' ? error.name + ': ' : '';
  process.send({ type: 'error', reason: name + String(error && error.message ? error.message : error) }, () => process.exit(2));
}
`;
}
