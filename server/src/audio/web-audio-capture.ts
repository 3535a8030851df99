import { CONTRACT } from '../core/contract/contract.js';
import type { Hz } from '../core/units.js';
import type { AudioBuffer, AudioNode } from 'node-web-audio-api';
import { probeCapture, type CaptureConstraints } from './capture-probe.js';

/** What LiveSource asks of a capture backend; the real one is node-web-audio-api, tests pass a fake. */
export interface CaptureRequest {
  /** node-web-audio-api deviceId; undefined opens the system's default capture device. */
  deviceId: string | undefined;
  /** Channels to take from the device. */
  channels: number;
  /** 'speakers' up/down-mixes the device's layout to `channels` (for a mix); 'discrete' keeps channel k as channel k. */
  interpretation: 'speakers' | 'discrete';
  /** Called on the creating thread with one array per channel; the arrays are only valid during the call. */
  onBlock(channelData: Float32Array[]): void;
}

export interface Capture {
  /** Rate of the delivered blocks: 48 kHz unless the device cannot run at it. */
  readonly sampleRate: Hz;
  /** Releases the device. Never resolves when the audio server died under it, so callers must not always wait. */
  close(): Promise<void>;
}

export type OpenCapture = (request: CaptureRequest) => Promise<Capture>;

const BLOCK = CONTRACT.audio.hop;

/**
 * The ScriptProcessorNode surface we use, typed here: lib.dom marks it deprecated (browsers moved to AudioWorklet),
 * but in node-web-audio-api it is the verified way to receive blocks on the calling thread, worker threads included.
 */
interface BlockEvent extends Event {
  readonly inputBuffer: AudioBuffer;
  readonly outputBuffer: AudioBuffer;
  readonly playbackTime: number;
}
interface BlockProcessorNode extends AudioNode {
  onaudioprocess: ((event: BlockEvent) => void) | null;
}
interface BlockProcessorFactory {
  createScriptProcessor(bufferSize: number, inputChannels: number, outputChannels: number): BlockProcessorNode;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error));

/**
 * Captures through node-web-audio-api: AudioContext (clocked by the device) -> getUserMedia -> ScriptProcessor of 1024
 * frames. The processor feeds a muted gain into the destination, because only nodes connected to it are rendered.
 */
export const openWebAudioCapture: OpenCapture = async (request) => {
  const { AudioContext, mediaDevices } = await import('node-web-audio-api');
  let context: InstanceType<typeof AudioContext>;
  try {
    // Fails cleanly (DeviceNotAvailable) when there is no audio device or the JACK server is down.
    context = new AudioContext({ sampleRate: CONTRACT.audio.sample_rate, latencyHint: 'interactive' });
  } catch (error) {
    throw new Error(reasonOf(error), { cause: error });
  }
  try {
    const constraints: CaptureConstraints = { sampleRate: context.sampleRate, ...(request.deviceId === undefined ? {} : { deviceId: request.deviceId }) };
    const probe = await probeCapture(constraints);
    if (!probe.ok) throw new Error(probe.reason);
    const stream = await mediaDevices.getUserMedia({ audio: constraints });
    const input = context.createMediaStreamSource(stream);
    const factory: BlockProcessorFactory = context;
    const processor = factory.createScriptProcessor(BLOCK, request.channels, 1);
    processor.channelInterpretation = request.interpretation;
    const mute = context.createGain();
    mute.gain.value = 0;
    processor.onaudioprocess = (event) => {
      const data: Float32Array[] = [];
      for (let c = 0; c < request.channels; c++) data.push(event.inputBuffer.getChannelData(c));
      request.onBlock(data);
    };
    input.connect(processor);
    processor.connect(mute);
    mute.connect(context.destination);
    return {
      sampleRate: context.sampleRate,
      close: async () => {
        processor.onaudioprocess = null;
        input.disconnect();
        processor.disconnect();
        // The capture stream itself is released when these objects are garbage-collected (the library exposes no stop).
        await context.close();
      },
    };
  } catch (error) {
    void context.close().catch(() => undefined);
    throw error instanceof Error ? error : new Error(String(error));
  }
};
