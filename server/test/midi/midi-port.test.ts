import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSlowState } from '../../src/bus/parse-state.js';
import { beatFromState } from '../../src/outputs/midi/beat-sample.js';
import { NO_MIDI_SYSTEM, openMidiPort } from '../../src/outputs/midi/midi-port.js';
import { RecordingLog } from '../support/recording-log.js';

// These machines have no ALSA sequencer; where one exists the virtual port must open instead.
const hasSequencer = process.platform !== 'linux' || existsSync('/dev/snd/seq');

describe('openMidiPort', () => {
  it(hasSequencer ? 'opens the virtual port' : 'with no MIDI system logs one clear line and returns undefined', () => {
    const log = new RecordingLog();
    const port = openMidiPort('virtual', log);
    if (hasSequencer) {
      expect(port).toBeDefined();
      port?.close();
      return;
    }
    expect(port).toBeUndefined();
    expect(log.lines).toEqual([{ level: 'warn', msg: NO_MIDI_SYSTEM }]);
    expect(NO_MIDI_SYSTEM).toBe('MIDI: no MIDI system available (no ALSA sequencer); MIDI clock is off');
  });

  it.skipIf(hasSequencer)('a named port with no MIDI system is the same single line, not a crash', () => {
    const log = new RecordingLog();
    expect(openMidiPort('Lighting Desk', log)).toBeUndefined();
    expect(log.lines).toHaveLength(1);
  });

  it.runIf(hasSequencer)('an unknown port name is refused, listing the ports', () => {
    expect(() => openMidiPort('No Such Port 1234', new RecordingLog())).toThrow(/MIDI port "No Such Port 1234" not found; available output ports: /);
  });

  it('refuses an empty port name', () => {
    expect(() => openMidiPort(' ', new RecordingLog())).toThrow("MIDI port name must not be empty; use a port name or 'virtual'");
  });
});

describe('beatFromState', () => {
  it('takes the few numbers the clock needs from a SlowState', () => {
    const json = JSON.stringify({ v: 1, hop: 5, t: 0.1, wall: 123, features: { bands: [] }, beat: { bpm: 120, spb: 0.5, phase: 0.25, beat_in_bar: 3, beats_per_bar: 4, bar_phase: 0.56, beat_count: 9, bar_count: 2, conf: 0.9, downbeat_prob: 0.1 } });
    expect(beatFromState(parseSlowState(json), 123)).toEqual({ wall: 123, spb: 0.5, phase: 0.25, beatCount: 9, beatInBar: 3, beatsPerBar: 4 });
  });

  it('is undefined with no beat block, and names a bad field', () => {
    expect(beatFromState(parseSlowState('{"v":1,"hop":1,"wall":0,"features":{"bands":[]}}'), 0)).toBeUndefined();
    const bad = JSON.stringify({ v: 1, hop: 1, wall: 0, features: { bands: [] }, beat: { spb: 0.5, phase: 0.25, beat_in_bar: 3, beats_per_bar: 'four', beat_count: 9 } });
    expect(() => beatFromState(parseSlowState(bad), 0)).toThrow('beats_per_bar must be an integer 1 to 16, got four');
  });
});
