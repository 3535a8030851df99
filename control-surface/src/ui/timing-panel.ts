import type { DaemonStatus } from '../api.js';
import type { BeatControls } from '../connection.js';
import { button, el, onPress, setPressed } from './dom.js';

export type Send = (command: Record<string, unknown>) => void;

const METERS: readonly (number | null)[] = [null, 2, 3, 4, 5, 7];
/** One nudge step: small enough to walk onto the beat, large enough to see on the lights in a few taps. */
const NUDGE_MS = 10;

/** What each MIDI transport state means to the person at the desk. */
const TRANSPORT_WORDS: Record<string, string> = { stopped: 'stopped', armed: 'starts on the next downbeat', running: 'playing' };

/** Tap tempo, nudge, "this is the one", lock, x2, ÷2, meter, and MIDI transport for the followers: the beat clock by hand. */
export class TimingPanel {
  readonly element = el('section', 'panel timing');
  readonly #lock = button('Lock tempo', 'toggle');
  readonly #meters = new Map<number | null, HTMLButtonElement>();
  readonly #midi = el('p', 'midi-state', 'MIDI clock: not configured');
  readonly #transport = el('div', 'row transport');
  #controls: BeatControls = { locked: false, meter: null };

  /** `toServerTime` maps a client time to the server clock: a tap says when the finger touched, not when it arrived. */
  constructor(send: Send, toServerTime: (clientTime: number) => number) {
    const tap = button('TAP', 'tap big');
    tap.id = 'tap';
    onPress(tap, (at) => {
      send({ type: 'tap', at: toServerTime(at) });
    });
    const one = button('This is the one', 'downbeat');
    one.id = 'downbeat';
    onPress(one, () => {
      send({ type: 'downbeat' });
    });
    const earlier = button(`− ${String(NUDGE_MS)} ms`, 'nudge');
    earlier.id = 'nudge-earlier';
    onPress(earlier, () => {
      send({ type: 'nudge', ms: -NUDGE_MS });
    });
    const later = button(`+ ${String(NUDGE_MS)} ms`, 'nudge');
    later.id = 'nudge-later';
    onPress(later, () => {
      send({ type: 'nudge', ms: NUDGE_MS });
    });
    this.#lock.id = 'lock';
    this.#lock.addEventListener('click', () => {
      send({ type: 'lock', on: !this.#controls.locked });
    });
    const double = button('×2');
    double.id = 'double';
    double.addEventListener('click', () => {
      send({ type: 'double' });
    });
    const half = button('÷2');
    half.id = 'half';
    half.addEventListener('click', () => {
      send({ type: 'half' });
    });
    const meterRow = el('div', 'row meters');
    for (const meter of METERS) {
      const b = button(meter === null ? 'auto' : `${String(meter)}/4`, 'segment');
      b.dataset.meter = meter === null ? 'auto' : String(meter);
      b.addEventListener('click', () => {
        send({ type: 'meter', beatsPerBar: meter });
      });
      this.#meters.set(meter, b);
      meterRow.append(b);
    }
    // Start waits for the downbeat so drum machines come in on the one; Stop is immediate. The daemon refuses them
    // by name when there is no MIDI clock, and the refusal shows as a toast.
    for (const [action, label] of [['start', 'Start on the one'], ['stop', 'Stop'], ['continue', 'Continue']] as const) {
      const b = button(label, 'transport-button');
      b.id = `midi-${action}`;
      b.addEventListener('click', () => {
        send({ type: 'transport', action });
      });
      this.#transport.append(b);
    }
    this.element.append(
      el('h2', '', 'Beat'),
      tap,
      el('div', 'row', earlier, later),
      one,
      el('div', 'row', this.#lock, double, half),
      el('h3', '', 'Beats per bar'),
      meterRow,
      this.#midi,
      this.#transport,
    );
    this.setControls(this.#controls);
  }

  /** The MIDI clock's state from /api/status: whether the transport buttons can do anything, and what it is doing. */
  setMidi(midi: DaemonStatus['midi']): void {
    let text = 'not configured (set midi.port or start with --midi)';
    let level = 'off';
    if (midi !== undefined && midi !== null) {
      const transport = midi.transport === undefined ? '' : `, ${TRANSPORT_WORDS[midi.transport] ?? midi.transport}`;
      text = `${midi.port ?? 'port'}: ${midi.state}${midi.message === undefined || midi.message === null ? '' : ` (${midi.message})`}${midi.state === 'running' ? transport : ''}`;
      level = midi.state === 'running' ? 'ok' : midi.state === 'failed' ? 'bad' : 'off';
    }
    this.#midi.textContent = `MIDI clock ${text}`;
    this.#transport.dataset.level = level;
  }

  setControls(controls: BeatControls): void {
    this.#controls = controls;
    setPressed(this.#lock, controls.locked);
    this.#lock.textContent = controls.locked ? 'Tempo locked' : 'Lock tempo';
    for (const [meter, b] of this.#meters) setPressed(b, meter === controls.meter);
  }
}
