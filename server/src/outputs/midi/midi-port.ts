import easymidi from 'easymidi';

/** Raw MIDI bytes out; the clock speaks only system real-time and Song Position messages. */
export interface MidiPort {
  send(bytes: number[]): void;
  close(): void;
}

export interface PortLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** The virtual port other programs on this machine connect to. */
export const VIRTUAL_PORT_NAME = 'FractalSync Clock';
export const NO_MIDI_SYSTEM = 'MIDI: no MIDI system available (no ALSA sequencer); MIDI clock is off';

/** What RtMidi says when it cannot reach the system's MIDI layer (on Linux, no /dev/snd/seq). */
function isNoMidiSystem(error: unknown): boolean {
  return error instanceof Error && /Failed to initiali[sz]e RtMidi/i.test(error.message);
}

/**
 * Opens `name` (an existing output port) or, with 'virtual', a virtual port named "FractalSync Clock".
 * With no MIDI system logs one line and returns undefined, so the daemon carries on without a clock;
 * an unknown port name throws, listing the ports there are.
 */
export function openMidiPort(name: string, log: PortLogger): MidiPort | undefined {
  if (name.trim() === '') throw new Error(`MIDI port name must not be empty; use a port name or 'virtual'`);
  let output: easymidi.Output;
  try {
    if (name === 'virtual') {
      output = new easymidi.Output(VIRTUAL_PORT_NAME, true);
    } else {
      const available = easymidi.getOutputs();
      if (!available.includes(name)) {
        const list = available.length > 0 ? available.map((port) => `"${port}"`).join(', ') : 'none';
        throw new Error(`MIDI port "${name}" not found; available output ports: ${list} (or use 'virtual')`);
      }
      output = new easymidi.Output(name, false);
    }
  } catch (error) {
    if (!isNoMidiSystem(error)) throw error;
    log.warn(NO_MIDI_SYSTEM);
    return undefined;
  }
  log.info(`MIDI: clock on ${name === 'virtual' ? `virtual port "${VIRTUAL_PORT_NAME}"` : `port "${name}"`}`);
  return { send: (bytes) => { sendRaw(output, bytes); }, close: () => { output.close(); } };
}

/** easymidi only sends named messages: map the clock's raw bytes onto them. */
function sendRaw(output: easymidi.Output, bytes: number[]): void {
  const [status, lsb, msb] = bytes;
  switch (status) {
    case 0xf8: output.send('clock'); return;
    case 0xfa: output.send('start'); return;
    case 0xfb: output.send('continue'); return;
    case 0xfc: output.send('stop'); return;
    case 0xf2:
      if (lsb === undefined || msb === undefined) throw new Error(`Song Position Pointer needs 3 bytes, got [${bytes.join(', ')}]`);
      output.send('position', { value: lsb | (msb << 7) });
      return;
    default:
      throw new Error(`MIDI clock cannot send status byte ${String(status)}; allowed: 0xF8, 0xFA, 0xFB, 0xFC, 0xF2`);
  }
}
