import { button, el, onPress } from './dom.js';

/**
 * The PIN entry shown while this surface is not a controller: a big keypad (the PIN is digits unless the config
 * says otherwise, so a text field is offered too). The screen stays until the daemon says "authed".
 */
export class PinScreen {
  readonly element = el('section', 'pin-screen');
  readonly #field = el('input', 'pin-field');
  readonly #message = el('p', 'pin-message');
  readonly #submit: (pin: string) => void;

  constructor(submit: (pin: string) => void) {
    this.#submit = submit;
    this.#field.type = 'password';
    this.#field.autocomplete = 'off';
    this.#field.inputMode = 'numeric';
    this.#field.name = 'pin';
    this.#field.setAttribute('aria-label', 'PIN');
    this.#field.placeholder = 'PIN';
    const keys = el('div', 'keypad');
    for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'OK']) {
      const b = button(key, key === 'OK' ? 'key ok' : 'key');
      b.dataset.key = key;
      onPress(b, () => {
        this.#press(key);
      });
      keys.append(b);
    }
    const card = el('form', 'pin-card', el('h1', '', 'FractalSync control'), el('p', 'pin-help', 'Enter the PIN printed where the daemon runs, or scan its QR code.'), this.#field, this.#message, keys);
    // A form, so Enter on a hardware keyboard submits and the browser treats the field as a password.
    card.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#press('OK');
    });
    this.element.append(card);
    this.element.hidden = true;
  }

  show(message = ''): void {
    // A refused PIN is cleared, so the next attempt starts from an empty field.
    this.#field.value = '';
    this.#message.textContent = message;
    this.#message.classList.toggle('error', message !== '');
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
    this.#field.value = '';
  }

  #press(key: string): void {
    if (key === '⌫') this.#field.value = this.#field.value.slice(0, -1);
    else if (key === 'OK') {
      const pin = this.#field.value.trim();
      if (pin === '') return;
      this.#message.textContent = 'checking…';
      this.#message.classList.remove('error');
      this.#submit(pin);
    } else this.#field.value += key;
  }
}
