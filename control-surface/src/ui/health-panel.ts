import type { SlowState } from '../../../server/src/core/state/slow-state.js';
import type { DaemonStatus } from '../api.js';
import { el } from './dom.js';

const db = (linear: number): string => (linear <= 1e-6 ? '−∞' : (20 * Math.log10(linear)).toFixed(1));

/** One line of the health list: a label, a value and a state (ok, warn, bad) the colour shows. */
class Line {
  readonly element: HTMLElement;
  readonly #value = el('span', 'value');

  constructor(label: string, key: string) {
    this.element = el('div', 'health-line', el('span', 'label', label), this.#value);
    this.element.dataset.health = key;
  }

  set(text: string, level: 'ok' | 'warn' | 'bad' | 'off' = 'ok'): void {
    this.#value.textContent = text;
    this.element.dataset.level = level;
  }
}

/**
 * At a glance: input level and clipping, tempo and confidence, section, the boundary alarm and hazards, per-hop cost,
 * the displays connected and every output with its state. Status comes from /api/status each second, the
 * musical values from the state stream.
 */
export class HealthPanel {
  readonly element = el('section', 'panel health');
  readonly #meter = el('meter', 'level');
  readonly #input = new Line('Input', 'input');
  readonly #tempo = new Line('Tempo', 'tempo');
  readonly #section = new Line('Section', 'section');
  readonly #hazard = el('div', 'hazard');
  readonly #processing = new Line('Per hop', 'processing');
  readonly #displays = new Line('Displays', 'displays');
  readonly #models = new Line('Models', 'models');
  readonly #outputs = el('ul', 'outputs');
  readonly #store = new Line('Presets', 'store');
  readonly #clock = new Line('Clock sync', 'clock');

  constructor() {
    this.#meter.min = -60;
    this.#meter.max = 0;
    this.#meter.low = -30;
    this.#meter.high = -3;
    this.#meter.optimum = -12;
    this.#meter.value = -60;
    this.#meter.setAttribute('aria-label', 'input level, dBFS');
    this.element.append(
      el('h2', '', 'Health'),
      this.#input.element,
      this.#meter,
      this.#tempo.element,
      this.#section.element,
      this.#hazard,
      this.#processing.element,
      this.#models.element,
      this.#displays.element,
      el('h3', '', 'Outputs'),
      this.#outputs,
      this.#store.element,
      this.#clock.element,
    );
  }

  setStatus(status: DaemonStatus): void {
    const input = status.input;
    if (input !== undefined) {
      const level = `${db(input.level_rms)} dBFS rms, peak ${db(input.level_peak)}`;
      const source = input.source === null ? 'no source' : `${input.source.kind} “${input.source.name}”`;
      const bad = input.state !== 'running' || input.clipping;
      this.#input.set(`${source}: ${input.clipping ? 'CLIPPING, ' : ''}${input.state === 'running' ? level : `${input.state}${input.message === null ? '' : ` (${input.message})`}`}`, bad ? 'bad' : input.level_rms < 1e-4 ? 'warn' : 'ok');
      this.#meter.value = Math.max(-60, input.level_peak <= 1e-6 ? -60 : 20 * Math.log10(input.level_peak));
    }
    const processing = status.processing;
    if (processing !== undefined) {
      const slow = processing.hops_per_second < 40 || processing.late_states > 0;
      this.#processing.set(`${processing.hop_ms_median.toFixed(2)} ms median, ${processing.hop_ms_p99.toFixed(2)} ms p99, ${processing.hops_per_second.toFixed(1)} hops/s`, slow ? 'warn' : 'ok');
    }
    if (status.models !== undefined && status.models.length > 0) {
      // Which learned stages run: a missing one means its hand-written path stands in; a refused file is a problem.
      const names: Record<string, string> = { beat_activation: 'beat', anticipator: 'sections', controller: 'control' };
      const refused = status.models.some((m) => m.error !== null);
      const text = status.models.map((m) => `${names[m.name] ?? m.name} ${m.error !== null ? 'refused' : m.path === null ? 'off' : 'on'}`).join(', ');
      this.#models.set(text, refused ? 'bad' : status.models.every((m) => m.path !== null) ? 'ok' : 'warn');
    }
    const displays = (status.clients ?? []).filter((c) => c.display !== null);
    this.#displays.set(displays.length === 0 ? 'none connected' : displays.map((c) => `${String(c.display)}${c.latency_ms === null ? '' : ` (${String(c.latency_ms)} ms)`}`).join(', '), displays.length === 0 ? 'warn' : 'ok');
    const outputs: HTMLElement[] = [];
    for (const target of status.osc_out ?? []) {
      const level = !target.enabled ? 'off' : target.errors > 0 ? 'bad' : 'ok';
      const item = el('li', 'output', `OSC ${target.host}:${String(target.port)} ${target.profile}: ${target.enabled ? `${String(target.sent)} sent` : 'off'}${target.last_error === null ? '' : `, ${target.last_error}`}`);
      item.dataset.level = level;
      outputs.push(item);
    }
    if (status.midi !== undefined && status.midi !== null) {
      const item = el('li', 'output', `MIDI clock: ${status.midi.state}`);
      item.dataset.level = status.midi.state === 'failed' ? 'bad' : status.midi.state === 'off' ? 'off' : 'ok';
      outputs.push(item);
    }
    if (status.osc_in !== undefined && status.osc_in !== null) {
      const item = el('li', 'output', `OSC in on UDP ${String(status.osc_in.port)}: ${String(status.osc_in.accepted)} accepted, ${String(status.osc_in.rejected)} refused`);
      item.dataset.level = 'ok';
      outputs.push(item);
    }
    if (outputs.length === 0) outputs.push(el('li', 'output', 'none'));
    this.#outputs.replaceChildren(...outputs);
    const problem = status.presets?.problem ?? status.scene?.problem ?? null;
    this.#store.set(problem ?? `${String(status.presets?.count ?? 0)} saved`, problem === null ? 'ok' : 'bad');
  }

  setState(state: SlowState): void {
    const beat = state.beat;
    this.#tempo.set(beat === undefined ? 'no beat tracker' : `${beat.bpm.toFixed(1)} BPM, ${String(beat.beats_per_bar)}/4, confidence ${String(Math.round(beat.conf * 100))} %`, beat === undefined || beat.conf < 0.3 ? 'warn' : 'ok');
    const structure = state.structure;
    if (structure === undefined) {
      this.#section.set('not analysed yet', 'off');
      this.#hazard.replaceChildren();
      return;
    }
    // The daemon's own "boundary in N beats" alarm, the one OSC's /fs/boundary announces (thresholds from the model card).
    const within = structure.boundary_in;
    this.#section.set(`${structure.section}${within === undefined ? '' : ` — change within ${String(within)} beats`}`, within === undefined ? 'ok' : 'warn');
    this.#hazard.replaceChildren(...structure.hazard.map((h, i) => {
      const bar = el('span', 'hazard-bar');
      bar.style.setProperty('--h', String(h));
      bar.title = `${String([1, 2, 4, 8, 16][i] ?? '?')} beats: ${String(Math.round(h * 100))} %`;
      return bar;
    }));
  }

  setClock(offset: number | null, delay: number | null): void {
    this.#clock.set(offset === null || delay === null ? 'waiting for the first pong' : `offset ${offset.toFixed(1)} ms, round trip ${delay.toFixed(1)} ms`, delay !== null && delay > 50 ? 'warn' : 'ok');
  }
}
