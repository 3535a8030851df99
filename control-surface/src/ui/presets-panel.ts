import type { Api, PresetInfo } from '../api.js';
import { button, el } from './dom.js';
import type { Toasts } from './toast.js';

/** A delete needs a second tap within this long: no confirm dialogs on stage. */
const CONFIRM_MS = 3000;

/**
 * Presets are whole scenes kept by the daemon: save the current one under a name, recall, rename, delete, and
 * export or import them all as a JSON file. Every surface sees the same list (refreshed with the health poll).
 */
export class PresetsPanel {
  readonly element = el('section', 'panel presets');
  readonly #name = el('input', 'preset-name');
  readonly #list = el('ul', 'preset-list');
  readonly #api: Api;
  readonly #toasts: Toasts;
  #shown = '';
  #editing: string | null = null;

  constructor(api: Api, toasts: Toasts) {
    this.#api = api;
    this.#toasts = toasts;
    this.#name.placeholder = 'Name';
    this.#name.maxLength = 48;
    this.#name.setAttribute('aria-label', 'preset name');
    const save = button('Save current', 'primary');
    save.id = 'preset-save';
    save.addEventListener('click', () => {
      const name = this.#name.value.trim();
      if (name === '') {
        toasts.show('give the preset a name first');
        return;
      }
      this.#run(api.save(name), `saved “${name}”`, () => {
        this.#name.value = '';
      });
    });
    const exportButton = button('Export');
    exportButton.addEventListener('click', () => {
      void this.#export();
    });
    const file = el('input', 'file');
    file.type = 'file';
    file.accept = 'application/json,.json';
    file.hidden = true;
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (chosen !== undefined) void this.#import(chosen);
      file.value = '';
    });
    const importButton = button('Import');
    importButton.addEventListener('click', () => {
      file.click();
    });
    this.element.append(el('h2', '', 'Presets'), el('div', 'row', this.#name, save), this.#list, el('div', 'row', exportButton, importButton, file));
  }

  async refresh(): Promise<void> {
    try {
      const { presets } = await this.#api.presets();
      this.#render(presets);
    } catch (error) {
      this.#toasts.show(`presets: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #render(presets: PresetInfo[]): void {
    const key = JSON.stringify(presets.map((p) => [p.name, p.saved_at])) + String(this.#editing);
    if (key === this.#shown) return;
    this.#shown = key;
    this.#list.replaceChildren(...presets.map((p) => this.#item(p)));
    if (presets.length === 0) this.#list.append(el('li', 'empty', 'No presets yet: set a look, name it, save.'));
  }

  #item(preset: PresetInfo): HTMLElement {
    const item = el('li', 'preset');
    item.dataset.preset = preset.name;
    if (this.#editing === preset.name) {
      const field = el('input', 'preset-name');
      field.value = preset.name;
      field.maxLength = 48;
      field.setAttribute('aria-label', `new name for ${preset.name}`);
      const ok = button('OK', 'primary');
      ok.addEventListener('click', () => {
        this.#editing = null;
        this.#run(this.#api.rename(preset.name, field.value.trim()), `renamed to “${field.value.trim()}”`);
      });
      const cancel = button('Cancel');
      cancel.addEventListener('click', () => {
        this.#editing = null;
        void this.refresh();
      });
      item.append(field, ok, cancel);
      return item;
    }
    const recall = button(preset.name, 'recall');
    recall.addEventListener('click', () => {
      this.#run(this.#api.recall(preset.name), `“${preset.name}” is live`);
    });
    const rename = button('Rename', 'small');
    rename.addEventListener('click', () => {
      this.#editing = preset.name;
      this.#shown = '';
      void this.refresh();
    });
    const remove = button('Delete', 'small danger');
    let armedAt = -Infinity;
    remove.addEventListener('click', () => {
      if (performance.now() - armedAt > CONFIRM_MS) {
        armedAt = performance.now();
        remove.textContent = 'Sure?';
        window.setTimeout(() => {
          remove.textContent = 'Delete';
        }, CONFIRM_MS);
        return;
      }
      this.#run(this.#api.remove(preset.name), `deleted “${preset.name}”`);
    });
    item.append(recall, rename, remove);
    return item;
  }

  #run(action: Promise<unknown>, done: string, after?: () => void): void {
    action.then(
      () => {
        this.#toasts.show(done, 'info');
        after?.();
        void this.refresh();
      },
      (error: unknown) => {
        this.#toasts.show(error instanceof Error ? error.message : String(error));
        void this.refresh();
      },
    );
  }

  async #export(): Promise<void> {
    try {
      const data = await this.#api.exportAll();
      const link = el('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      link.download = 'fractalsync-presets.json';
      link.click();
      window.setTimeout(() => {
        URL.revokeObjectURL(link.href);
      }, 10_000);
    } catch (error) {
      this.#toasts.show(`export: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async #import(file: File): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text()) as unknown;
    } catch {
      this.#toasts.show(`${file.name} is not JSON; choose a file made by Export`);
      return;
    }
    this.#run(this.#api.import(parsed), `imported ${file.name}`);
  }
}
