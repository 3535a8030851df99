import { el } from './dom.js';

/** Sends at most one value per this many ms while a fader moves, and always the last one: well under the rate limit. */
const SEND_EVERY_MS = 60;

/**
 * A labelled fader that sends while it moves (throttled, the final value always sent) and ignores scene updates
 * while a finger is on it, so the broadcast of its own earlier values does not pull it back.
 */
export class Slider {
  readonly element: HTMLElement;
  readonly input = el('input', 'fader');
  readonly #value = el('output', 'value');
  readonly #format: (v: number) => string;
  #held = false;
  #timer: number | undefined;
  #lastSent = 0;

  constructor(label: string, min: number, max: number, step: number, format: (v: number) => string, send: (value: number) => void) {
    this.#format = format;
    this.input.type = 'range';
    this.input.min = String(min);
    this.input.max = String(max);
    this.input.step = String(step);
    this.input.setAttribute('aria-label', label);
    this.element = el('label', 'slider', el('span', 'label', label), this.input, this.#value);
    const flush = (): void => {
      window.clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#lastSent = performance.now();
      send(Number(this.input.value));
    };
    this.input.addEventListener('input', () => {
      this.#value.textContent = format(Number(this.input.value));
      const wait = SEND_EVERY_MS - (performance.now() - this.#lastSent);
      if (wait <= 0) flush();
      else this.#timer ??= window.setTimeout(flush, wait);
    });
    this.input.addEventListener('change', flush);
    this.input.addEventListener('pointerdown', () => (this.#held = true));
    const release = (): void => {
      this.#held = false;
    };
    this.input.addEventListener('pointerup', release);
    this.input.addEventListener('pointercancel', release);
  }

  /** Shows the scene's value unless the VJ is moving this fader right now. */
  show(value: number, own: boolean): void {
    this.element.classList.toggle('own', own);
    if (this.#held || this.#timer !== undefined) return;
    this.input.value = String(value);
    this.#value.textContent = this.#format(value);
  }
}
