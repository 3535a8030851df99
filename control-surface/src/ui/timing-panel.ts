import type { BeatControls } from '../connection.js';
import { button, el, onPress, setPressed } from './dom.js';

export type Send = (command: Record<string, unknown>) => void;

const METERS: readonly (number | null)[] = [null, 2, 3, 4, 5, 7];
/** One nudge step: small enough to walk onto the beat, large enough to see on the lights in a few taps. */
const NUDGE_MS = 10;

/** Tap tempo, nudge, "this is the one", lock, x2, ÷2 and meter: the beat clock by hand. */
export class TimingPanel {
  readonly element = el('section', 'panel timing');
  readonly #lock = button('Lock tempo', 'toggle');
  readonly #meters = new Map<number | null, HTMLButtonElement>();
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
    this.element.append(
      el('h2', '', 'Beat'),
      tap,
      el('div', 'row', earlier, later),
      one,
      el('div', 'row', this.#lock, double, half),
      el('h3', '', 'Beats per bar'),
      meterRow,
    );
    this.setControls(this.#controls);
  }

  setControls(controls: BeatControls): void {
    this.#controls = controls;
    setPressed(this.#lock, controls.locked);
    this.#lock.textContent = controls.locked ? 'Tempo locked' : 'Lock tempo';
    for (const [meter, b] of this.#meters) setPressed(b, meter === controls.meter);
  }
}
