import { createSocket, type Socket } from 'node:dgram';
import { createCommandHandler, type CommandHandler } from '../../src/control/command-handler.js';
import type { OscInput } from '../../src/control/osc-input.js';
import type { BeatCommand } from '../../src/core/beat/commands.js';
import type { SceneCommand } from '../../src/core/scene/scene-commands.js';
import type { RecordingLog } from '../support/recording-log.js';

export function recordingHandler(log: RecordingLog): { handler: CommandHandler; sent: (BeatCommand | SceneCommand)[] } {
  const sent: (BeatCommand | SceneCommand)[] = [];
  return { handler: createCommandHandler({ beat: (c) => sent.push(c), scene: (c) => sent.push(c) }, log), sent };
}

/** Polls until the input has received `count` datagrams; throws naming the counts after `timeoutMs`. */
export async function waitForReceived(input: OscInput, count: number, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (input.stats().received < count) {
    if (performance.now() - start > timeoutMs) throw new Error(`waited for ${count} datagrams, got ${input.stats().received}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export function udpClient(): Socket {
  return createSocket('udp4');
}

export function sendTo(client: Socket, port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    client.send(bytes, port, '127.0.0.1', (err) => {
      if (err) reject(err);
      else resolve();
    });
  });
}
