import { el } from './dom.js';

/** Short messages at the bottom of the screen: refusals and errors the VJ should read, gone after a few seconds. */
export class Toasts {
  readonly element = el('div', 'toasts');

  show(message: string, kind: 'info' | 'error' = 'error'): void {
    const toast = el('div', `toast ${kind}`, message);
    toast.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    this.element.append(toast);
    while (this.element.childElementCount > 3) this.element.firstElementChild?.remove();
    window.setTimeout(() => {
      toast.remove();
    }, kind === 'error' ? 6000 : 2500);
  }
}
