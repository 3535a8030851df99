import { predictBeat } from '../../../server/src/core/clock/beat-prediction.js';
import type { SlowState } from '../../../server/src/core/state/slow-state.js';
import type { Milliseconds } from '../../../server/src/core/units.js';
import type { LinkState, Role } from '../connection.js';
import { el } from './dom.js';

/** The lamp is lit for the first part of each beat, like an LED on a drum machine. */
const LIT_PHASE = 0.15;

/**
 * The top bar: connection and role, tempo and confidence, and the beat and bar lights. The lights run on the
 * fast clock (the last state's phase advanced by its tempo on the synced server clock), at frame rate, so the
 * VJ can see against the music whether the tracker is on the beat.
 */
export class BeatHeader {
  readonly element = el('header', 'top');
  readonly #link = el('span', 'link');
  readonly #role = el('span', 'role');
  readonly #bpm = el('span', 'bpm', '—');
  readonly #conf = el('meter', 'conf');
  readonly #lamp = el('span', 'lamp');
  readonly #bar = el('span', 'bar');
  readonly #serverNow: () => Milliseconds;
  #state: SlowState | null = null;
  #cells: HTMLElement[] = [];

  constructor(serverNow: () => Milliseconds) {
    this.#serverNow = serverNow;
    this.#conf.min = 0;
    this.#conf.max = 1;
    this.#conf.low = 0.3;
    this.#conf.high = 0.6;
    this.#conf.optimum = 1;
    this.#conf.setAttribute('aria-label', 'beat confidence');
    this.#lamp.setAttribute('aria-hidden', 'true');
    this.element.append(
      el('div', 'status', el('strong', '', 'FractalSync'), this.#link, this.#role),
      el('div', 'tempo', this.#bpm, el('span', 'unit', 'BPM'), this.#conf),
      el('div', 'lights', this.#lamp, this.#bar),
    );
    this.setLink('connecting');
    this.setRole('viewer');
    const frame = (): void => {
      this.#draw();
      window.requestAnimationFrame(frame);
    };
    window.requestAnimationFrame(frame);
  }

  setLink(state: LinkState): void {
    this.#link.textContent = state === 'open' ? 'connected' : state === 'connecting' ? 'connecting…' : 'reconnecting…';
    this.#link.dataset.state = state;
  }

  setRole(role: Role): void {
    this.#role.textContent = role === 'control' ? 'in control' : 'view only';
    this.#role.dataset.role = role;
  }

  setState(state: SlowState): void {
    this.#state = state;
    const beat = state.beat;
    this.#bpm.textContent = beat === undefined ? '—' : beat.bpm.toFixed(1);
    this.#conf.value = beat?.conf ?? 0;
  }

  #draw(): void {
    const beat = this.#state?.beat;
    const state = this.#state;
    if (beat === undefined || state === null) return;
    const now = predictBeat(beat, state.wall, this.#serverNow());
    if (this.#cells.length !== now.beatsPerBar) {
      this.#cells = Array.from({ length: now.beatsPerBar }, (_, i) => el('span', i === 0 ? 'cell one' : 'cell'));
      this.#bar.replaceChildren(...this.#cells);
    }
    this.#lamp.classList.toggle('lit', now.phase < LIT_PHASE);
    this.#lamp.classList.toggle('one', now.beatInBar === 1);
    this.#cells.forEach((cell, i) => cell.classList.toggle('lit', i === now.beatInBar - 1));
    this.#bar.dataset.beatInBar = String(now.beatInBar);
  }
}
