import { Api } from './api.js';
import { SurfaceConnection, type Role } from './connection.js';
import { rememberToken, tokenFromAddress } from './token.js';
import { BeatHeader } from './ui/beat-header.js';
import { el } from './ui/dom.js';
import { HealthPanel } from './ui/health-panel.js';
import { PinScreen } from './ui/pin-screen.js';
import { PresetsPanel } from './ui/presets-panel.js';
import { TimingPanel } from './ui/timing-panel.js';
import { Toasts } from './ui/toast.js';
import { VisualPanel } from './ui/visual-panel.js';

/** How often health and the preset list are read from the daemon. */
const POLL_MS = 1000;

let token = tokenFromAddress();
const api = new Api();
api.token = token;
const toasts = new Toasts();
const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;

const send = (command: Record<string, unknown>): void => {
  void connection.command(command).then((result) => {
    if (!result.ok) toasts.show(result.error);
  });
};

const header = new BeatHeader(() => connection.serverNow());
const timing = new TimingPanel(send, (clientTime) => clientTime + (connection.clock.offset ?? 0));
const visual = new VisualPanel(send);
const health = new HealthPanel();
const presets = new PresetsPanel(api, toasts);
const pin = new PinScreen((entered) => {
  token = entered;
  connection.authenticate(entered);
});

const onRole = (role: Role, authRequired: boolean): void => {
  header.setRole(role);
  document.body.dataset.role = role;
  if (role === 'control') {
    pin.hide();
    if (authRequired && token !== null) rememberToken(token);
    api.token = authRequired ? token : null;
  } else if (token === null) {
    pin.show();
  }
};

const connection = new SurfaceConnection(url, token, {
  link: (state) => {
    header.setLink(state);
  },
  role: onRole,
  authFailed: (code, message) => {
    token = null;
    rememberToken(null);
    api.token = null;
    pin.show(code === 'bad_token' ? 'Wrong PIN. Try again.' : message);
  },
  scene: (scene) => {
    visual.setScene(scene);
  },
  beatControls: (controls) => {
    timing.setControls(controls);
  },
  state: (state) => {
    header.setState(state);
    health.setState(state);
  },
  notice: (message) => {
    toasts.show(message);
  },
});

const poll = async (): Promise<void> => {
  try {
    const status = await api.status();
    health.setStatus(status);
    timing.setMidi(status.midi);
    visual.setDisplays((status.clients ?? []).flatMap((c) => (c.display === null ? [] : [c.display])));
  } catch {
    // The link indicator already says the daemon is away; the next poll tries again.
  }
  health.setClock(connection.clock.offset, connection.clock.delay);
  await presets.refresh();
};

document.getElementById('app')?.replaceChildren(header.element, el('main', 'grid', timing.element, visual.element, el('div', 'side', health.element, presets.element)), toasts.element, pin.element);
connection.start();
void poll();
window.setInterval(() => void poll(), POLL_MS);
