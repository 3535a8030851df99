/** Live analysis monitor: shows the daemon's SlowState features as they arrive over /ws. */
interface Features {
  rms: number;
  centroid: number;
  flux: number;
  zcr: number;
  onset: number;
  rolloff: number;
  bands: number[];
}
interface StateMessage {
  v: number;
  hop: number;
  t: number;
  features: Features;
}

const statusEl = document.getElementById('status');
const table = document.getElementById('values');
const rows = new Map<string, HTMLTableCellElement>();

function cell(name: string, meter = false): HTMLTableCellElement {
  let td = rows.get(name);
  if (!td && table) {
    const tr = document.createElement('tr');
    const label = document.createElement('td');
    label.textContent = name;
    td = document.createElement('td');
    if (meter) td.innerHTML = '<div class="meter"><div></div></div>';
    tr.append(label, td);
    table.append(tr);
    rows.set(name, td);
  }
  return td ?? document.createElement('td');
}

function setMeter(name: string, fraction: number): void {
  const bar = cell(name, true).querySelector<HTMLDivElement>('.meter > div');
  if (bar) bar.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
}

function show(state: StateMessage): void {
  const f = state.features;
  cell('stream time').textContent = `${state.t.toFixed(2)} s (hop ${state.hop})`;
  const db = 20 * Math.log10(Math.max(f.rms, 1e-6));
  cell('level').textContent = `${db.toFixed(1)} dBFS`;
  setMeter('level meter', (db + 60) / 60);
  cell('centroid').textContent = `${f.centroid.toFixed(0)} Hz`;
  cell('roll-off').textContent = `${f.rolloff.toFixed(0)} Hz`;
  setMeter('onset', f.onset / 40);
  setMeter('flux', f.flux / 0.5);
  f.bands.forEach((energy, i) => {
    setMeter(`band ${i}`, (10 * Math.log10(Math.max(energy, 1e-12)) + 70) / 70);
  });
}

function connect(attempt = 0): void {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  ws.onopen = () => {
    attempt = 0;
    if (statusEl) statusEl.textContent = `connected to ${location.host}`;
  };
  ws.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as Partial<StateMessage> & { type?: string };
    if (message.type === undefined && message.features) show(message as StateMessage);
  };
  ws.onclose = () => {
    const delay = Math.min(5000, 250 * 2 ** attempt);
    if (statusEl) statusEl.textContent = `disconnected; retrying in ${(delay / 1000).toFixed(1)} s`;
    setTimeout(() => { connect(attempt + 1); }, delay);
  };
}

connect();
