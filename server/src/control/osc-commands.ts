import { describeArgs, oneNumber, trigger, TRIGGER, type CommandRequest, type OscCommandSpec, type OscMapping, type OscMessage } from './osc-args.js';
import { SCENE_MAPPINGS } from './osc-scene-commands.js';

export type { CommandRequest, OscArgument, OscCommandSpec, OscMessage } from './osc-args.js';

const BEAT_MAPPINGS: readonly OscMapping[] = [
  { address: '/fs/cmd/tap', typeTag: 'N', range: [], expects: TRIGGER, description: 'Tap tempo: one tap per beat', map: trigger({ type: 'tap' }) },
  {
    address: '/fs/cmd/nudge', typeTag: 'f', range: [{ min: -500, max: 500 }], expects: 'one number: milliseconds from -500 to 500',
    description: 'Shift the beat phase by this many milliseconds (negative = earlier)',
    map: (m) => {
      const ms = oneNumber(m);
      return ms === undefined || !Number.isFinite(ms) ? undefined : { type: 'nudge', ms };
    },
  },
  { address: '/fs/cmd/downbeat', typeTag: 'N', range: [], expects: TRIGGER, description: 'The current beat is the first of the bar', map: trigger({ type: 'downbeat' }) },
  {
    address: '/fs/cmd/lock', typeTag: 'i', range: [{ vals: [0, 1] }], expects: 'one number: 1 locks the tempo, 0 unlocks',
    description: 'Lock (1) or unlock (0) the tempo',
    map: (m) => {
      const on = oneNumber(m);
      return on === 0 || on === 1 ? { type: 'lock', on: on === 1 } : undefined;
    },
  },
  { address: '/fs/cmd/double', typeTag: 'N', range: [], expects: TRIGGER, description: 'Double the tempo', map: trigger({ type: 'double' }) },
  { address: '/fs/cmd/half', typeTag: 'N', range: [], expects: TRIGGER, description: 'Halve the tempo', map: trigger({ type: 'half' }) },
  {
    address: '/fs/cmd/meter', typeTag: 'i', range: [{ vals: [0, 2, 3, 4, 5, 7] }], expects: 'one integer: beats per bar (2, 3, 4, 5 or 7), 0 for automatic',
    description: 'Beats per bar; 0 = detect automatically',
    map: (m) => {
      const beats = oneNumber(m);
      if (beats === undefined || !Number.isInteger(beats)) return undefined;
      return { type: 'meter', beatsPerBar: beats === 0 ? undefined : beats };
    },
  },
];

const TRANSPORT_MAPPINGS: readonly OscMapping[] = [
  { address: '/fs/cmd/midi/start', typeTag: 'N', range: [], expects: TRIGGER, description: 'MIDI clock: send Start on the next downbeat', map: trigger({ type: 'transport', action: 'start' }) },
  { address: '/fs/cmd/midi/stop', typeTag: 'N', range: [], expects: TRIGGER, description: 'MIDI clock: send Stop now (ticks continue, followers halt)', map: trigger({ type: 'transport', action: 'stop' }) },
  { address: '/fs/cmd/midi/continue', typeTag: 'N', range: [], expects: TRIGGER, description: 'MIDI clock: send Continue from the current song position', map: trigger({ type: 'transport', action: 'continue' }) },
];

const MAPPINGS: readonly OscMapping[] = [...BEAT_MAPPINGS, ...SCENE_MAPPINGS, ...TRANSPORT_MAPPINGS];

/** The control addresses with their arguments, for the OSCQuery namespace. */
export const OSC_COMMANDS: readonly OscCommandSpec[] = MAPPINGS.map(({ address, typeTag, range, expects, description }) => ({ address, typeTag, range, expects, description }));

/**
 * Maps an OSC message to a control command, or null for a trigger's button release. Value ranges (nudge limit,
 * allowed meters, scene limits) are checked by the command handler; this checks the address, argument count and types.
 * Throws naming the address, what it expects and what came.
 */
export function oscToCommand(message: OscMessage): CommandRequest | null {
  const mapping = MAPPINGS.find((m) => m.address === message.address);
  if (mapping === undefined) {
    throw new Error(`OSC address ${JSON.stringify(message.address)} is unknown; expected one of ${MAPPINGS.map((m) => m.address).join(', ')}`);
  }
  const command = mapping.map(message);
  if (command === undefined) throw new Error(`OSC ${mapping.address} expects ${mapping.expects}; got ${describeArgs(message.args)}`);
  return command;
}
