/** A small element builder: tag, class and text or children, no framework. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== '') node.className = className;
  node.append(...children);
  return node;
}

export function button(label: string, className = ''): HTMLButtonElement {
  const node = el('button', className, label);
  node.type = 'button';
  return node;
}

/**
 * Acts on touch-down rather than on release, so a tap lands when the finger does (tap tempo, downbeat). The action
 * gets the moment of the touch (ms since the epoch, client clock, from the event's own timestamp). The click that
 * follows a touch is swallowed; a click with no touch before it (keyboard, mouse) still acts.
 */
export function onPress(target: HTMLElement, action: (at: number) => void): void {
  let pressedAt = -Infinity;
  target.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    pressedAt = performance.now();
    target.classList.add('pressed');
    action(performance.timeOrigin + event.timeStamp);
  });
  const release = (): void => {
    target.classList.remove('pressed');
  };
  target.addEventListener('pointerup', release);
  target.addEventListener('pointercancel', release);
  target.addEventListener('pointerleave', release);
  target.addEventListener('click', () => {
    if (performance.now() - pressedAt > 1000) action(performance.timeOrigin + performance.now());
  });
}

/** Sets a toggle button's state for the eye and for screen readers. */
export function setPressed(target: HTMLElement, on: boolean): void {
  target.classList.toggle('on', on);
  target.setAttribute('aria-pressed', String(on));
}
