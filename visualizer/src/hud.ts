import type { ResolvedDisplay } from '../../server/src/core/scene/scene.js';
import type { ConnectionState } from './connection.js';

export interface HudInfo {
  fps: number;
  frameMs: number;
  bpm: number | null;
  conf: number;
  section: string | null;
  look: string;
  clockOffset: number | null;
  clockDelay: number | null;
  connection: ConnectionState;
  display: string | null;
  settings: ResolvedDisplay;
  states: number;
  contextLost: boolean;
  problems: readonly string[];
}

const fixed = (x: number | null, digits: number, unit = ''): string => (x === null ? '–' : `${x.toFixed(digits)}${unit}`);

/** The operator's overlay, toggled with `h`: what a VJ checks when a projector looks wrong. */
export class Hud {
  readonly #element: HTMLElement;

  constructor(parent: HTMLElement, visible: boolean) {
    this.#element = document.createElement('pre');
    this.#element.id = 'hud';
    this.#element.hidden = !visible;
    parent.appendChild(this.#element);
    window.addEventListener('keydown', (event) => {
      if (event.key === 'h' || event.key === 'H') this.#element.hidden = !this.#element.hidden;
    });
  }

  get visible(): boolean {
    return !this.#element.hidden;
  }

  show(info: HudInfo): void {
    if (this.#element.hidden) return;
    const s = info.settings;
    const lines = [
      `display   ${info.display ?? '(unnamed)'}   ${info.connection}${info.contextLost ? '   WebGL context lost' : ''}`,
      `fps       ${fixed(info.fps, 1)}  (${fixed(info.frameMs, 1, ' ms')})`,
      `tempo     ${fixed(info.bpm, 1, ' BPM')}   confidence ${fixed(info.conf, 2)}`,
      `section   ${info.section ?? '–'}   look ${info.look}${s.look === 'auto' ? ' (auto)' : ''}   palette ${s.palette}`,
      `clock     offset ${fixed(info.clockOffset, 1, ' ms')}   rtt ${fixed(info.clockDelay, 1, ' ms')}`,
      `latency   ${s.latency_ms} ms   offset ${s.offset_ms} ms`,
      `scene     intensity ${s.intensity.toFixed(2)} zoom ${s.zoom.toFixed(2)} speed ${s.speed.toFixed(2)}` +
        `${s.strobe ? ' STROBE' : ''}${s.blackout ? ' BLACKOUT' : ''}${s.freeze ? ' FREEZE' : ''}`,
      `states    ${info.states}`,
      ...info.problems.map((p) => `! ${p}`),
    ];
    this.#element.textContent = lines.join('\n');
  }
}
