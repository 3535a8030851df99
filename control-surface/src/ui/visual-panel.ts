import { LOOKS, resolveDisplay, type DisplaySettings, type Scene, type SceneSettings } from '../../../server/src/core/scene/scene.js';
import { PALETTE_NAMES, PALETTES, type Palette } from '../../../server/src/core/visual/palettes.js';
import { button, el, setPressed } from './dom.js';
import { Slider } from './slider.js';
import type { Send } from './timing-panel.js';

type Target = { display: string | null };
type Field = keyof SceneSettings | 'latency_ms' | 'offset_ms';
type NumericField = 'intensity' | 'zoom' | 'speed' | 'latency_ms' | 'offset_ms';

/** The palette's colour at x in [0, 1), by the same cosine formula the shader uses. */
function paletteColour(p: Palette, x: number): string {
  const channel = (i: 0 | 1 | 2): number => Math.round(255 * Math.min(1, Math.max(0, p.a[i] + p.b[i] * Math.cos(2 * Math.PI * (p.c[i] * x + p.d[i])))));
  return `rgb(${String(channel(0))} ${String(channel(1))} ${String(channel(2))})`;
}

function gradient(p: Palette): string {
  const stops = Array.from({ length: 8 }, (_, i) => paletteColour(p, i / 7));
  return `linear-gradient(90deg, ${stops.join(', ')})`;
}

const percent = (v: number): string => `${String(Math.round(v * 100))} %`;
const times = (v: number): string => `×${v.toFixed(2)}`;
const ms = (v: number): string => `${String(Math.round(v))} ms`;

/**
 * Look, palette, intensity, zoom, speed, strobe, blackout and freeze for all displays or one; per display also its
 * projector lag and offset. A display shows its resolved values; the ones it sets itself are marked.
 */
export class VisualPanel {
  readonly element = el('section', 'panel visual');
  readonly #targets = el('div', 'row targets');
  readonly #looks = new Map<string, HTMLButtonElement>();
  readonly #palettes = new Map<string, HTMLButtonElement>();
  readonly #toggles = new Map<'strobe' | 'blackout' | 'freeze', HTMLButtonElement>();
  readonly #sources = new Map<string, HTMLButtonElement>();
  readonly #sliders = new Map<NumericField, Slider>();
  readonly #displayOnly = el('div', 'display-only');
  readonly #reset = button('Reset look', 'reset');
  readonly #send: Send;
  #scene: Scene | null = null;
  #target: Target = { display: null };
  #displays: string[] = [];

  constructor(send: Send) {
    this.#send = send;
    const looks = el('div', 'row segments looks');
    for (const look of LOOKS) {
      const b = button(look, 'segment');
      b.dataset.look = look;
      b.addEventListener('click', () => {
        this.#set({ look });
      });
      this.#looks.set(look, b);
      looks.append(b);
    }
    const palettes = el('div', 'row palettes');
    for (const name of PALETTE_NAMES) {
      const b = button(name, 'swatch');
      b.dataset.palette = name;
      b.style.background = gradient(PALETTES[name]);
      b.addEventListener('click', () => {
        this.#set({ palette: name });
      });
      this.#palettes.set(name, b);
      palettes.append(b);
    }
    const slider = (field: NumericField, label: string, min: number, max: number, step: number, format: (v: number) => string): Slider => {
      const s = new Slider(label, min, max, step, format, (value) => {
        this.#set({ [field]: value });
      });
      s.input.dataset.field = field;
      this.#sliders.set(field, s);
      return s;
    };
    const toggles = el('div', 'row toggles');
    for (const field of ['strobe', 'blackout', 'freeze'] as const) {
      const b = button(field, `toggle ${field}`);
      b.dataset.toggle = field;
      b.addEventListener('click', () => {
        this.#set({ [field]: !b.classList.contains('on') });
      });
      this.#toggles.set(field, b);
      toggles.append(b);
    }
    const sources = el('div', 'row segments sources');
    for (const [value, label] of [['auto', 'Model'], ['manual', 'Manual']] as const) {
      const b = button(label, 'segment');
      b.dataset.source = value;
      b.addEventListener('click', () => {
        send({ type: 'control_source', value });
      });
      this.#sources.set(value, b);
      sources.append(b);
    }
    this.#reset.addEventListener('click', () => {
      send(this.#target.display === null ? { type: 'scene_reset' } : { type: 'scene_reset', display: this.#target.display });
    });
    this.#displayOnly.append(slider('latency_ms', 'Projector lag', 0, 500, 1, ms).element, slider('offset_ms', 'Offset', -500, 500, 1, ms).element);
    this.element.append(
      el('h2', '', 'Look'),
      this.#targets,
      looks,
      palettes,
      slider('intensity', 'Intensity', 0, 1, 0.01, percent).element,
      slider('zoom', 'Zoom', 0.25, 4, 0.05, times).element,
      slider('speed', 'Speed', 0, 4, 0.05, times).element,
      toggles,
      this.#displayOnly,
      el('div', 'row', el('span', 'label', 'Motion from'), sources, this.#reset),
    );
    this.#renderTargets();
  }

  setScene(scene: Scene): void {
    this.#scene = scene;
    this.#render();
  }

  /** The displays to offer: the connected projectors and those the scene has settings for. */
  setDisplays(connected: readonly string[]): void {
    const names = [...new Set([...connected, ...Object.keys(this.#scene?.displays ?? {})])].sort();
    if (names.join('\n') === this.#displays.join('\n')) return;
    this.#displays = names;
    this.#renderTargets();
  }

  #set(fields: Record<string, unknown>): void {
    this.#send(this.#target.display === null ? { type: 'scene', set: fields } : { type: 'scene', display: this.#target.display, set: fields });
  }

  #renderTargets(): void {
    const chips = [null, ...this.#displays].map((display) => {
      const b = button(display ?? 'All displays', 'chip');
      b.dataset.target = display ?? '';
      setPressed(b, display === this.#target.display);
      b.addEventListener('click', () => {
        this.#target = { display };
        this.#renderTargets();
        this.#render();
      });
      return b;
    });
    this.#targets.replaceChildren(...chips);
  }

  #render(): void {
    const scene = this.#scene;
    if (scene === null) return;
    const display = this.#target.display;
    const shown = resolveDisplay(scene, display);
    const own: DisplaySettings = display !== null && Object.hasOwn(scene.displays, display) ? (scene.displays[display] ?? {}) : {};
    const isOwn = (field: Field): boolean => display !== null && own[field] !== undefined;
    for (const [look, b] of this.#looks) {
      setPressed(b, shown.look === look);
      b.classList.toggle('own', isOwn('look') && shown.look === look);
    }
    for (const [name, b] of this.#palettes) {
      setPressed(b, shown.palette === name);
      b.classList.toggle('own', isOwn('palette') && shown.palette === name);
    }
    for (const [field, b] of this.#toggles) {
      setPressed(b, shown[field]);
      b.classList.toggle('own', isOwn(field));
    }
    for (const [value, b] of this.#sources) setPressed(b, scene.control_source === value);
    for (const [field, s] of this.#sliders) s.show(shown[field], isOwn(field));
    this.#displayOnly.hidden = display === null;
    this.#reset.textContent = display === null ? 'Reset look' : 'Follow all';
  }
}
