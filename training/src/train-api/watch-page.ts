/**
 * GET / of the training API: one self-contained page to start a run and watch it (state, progress, epoch,
 * train and validation loss per epoch drawn as they arrive, the error of a failed run). It polls
 * GET /api/train/status every second and posts the form to POST /api/train/start, showing the API's own
 * words when a request is refused (a bad field, a run already in progress).
 */
export const WATCH_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FractalSync training</title>
<style>
  :root { color-scheme: dark; --bg: #05060a; --panel: #0f121b; --line: #232838; --text: #d8dce8; --dim: #8a91a6; --train: #7fb4ff; --val: #ff8a3d; --bad: #ff4d5e; --ok: #3ddc84; }
  body { margin: 0; padding: 16px; background: var(--bg); color: var(--text); font: 16px/1.4 system-ui, sans-serif; }
  h1 { margin: 0 0 12px; font-size: 20px; }
  h2 { margin: 0 0 8px; font-size: 14px; letter-spacing: .08em; text-transform: uppercase; color: var(--dim); }
  section { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 12px; margin-bottom: 12px; max-width: 760px; }
  dl { display: grid; grid-template-columns: 120px 1fr; gap: 4px 12px; margin: 0 0 8px; }
  dt { color: var(--dim); }
  dd { margin: 0; }
  progress { width: 100%; height: 18px; }
  #state[data-state="failed"], #error { color: var(--bad); }
  #state[data-state="done"] { color: var(--ok); }
  svg { width: 100%; height: auto; background: #0a0d14; border-radius: 8px; }
  .train { stroke: var(--train); } .val { stroke: var(--val); stroke-dasharray: 6 4; }
  .axis { fill: var(--dim); font-size: 11px; }
  form { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px 12px; align-items: end; }
  label { display: flex; flex-direction: column; gap: 2px; color: var(--dim); font-size: 13px; }
  input, select, button { font: inherit; padding: 6px 8px; border-radius: 8px; border: 1px solid var(--line); background: #181c28; color: var(--text); }
  button { cursor: pointer; font-weight: 600; }
  #message { margin: 8px 0 0; min-height: 1.4em; }
  #message.refused { color: var(--bad); }
</style>
</head>
<body>
<h1>FractalSync training</h1>
<section>
  <h2>Run</h2>
  <dl>
    <dt>State</dt><dd id="state">connecting</dd>
    <dt>Model</dt><dd id="model">—</dd>
    <dt>Epoch</dt><dd id="epoch">—</dd>
    <dt>Elapsed</dt><dd id="elapsed">—</dd>
    <dt>Run folder</dt><dd id="out">—</dd>
  </dl>
  <progress id="progress" max="1" value="0"></progress>
  <p id="error"></p>
</section>
<section>
  <h2>Loss per epoch <span class="axis">(solid: training, dashed: validation)</span></h2>
  <svg id="chart" viewBox="0 0 600 220" role="img" aria-label="training and validation loss per epoch">
    <polyline id="train-line" class="train" fill="none" stroke-width="2" points=""></polyline>
    <polyline id="val-line" class="val" fill="none" stroke-width="2" points=""></polyline>
    <text id="y-max" class="axis" x="4" y="14"></text>
    <text id="y-min" class="axis" x="4" y="214"></text>
  </svg>
</section>
<section>
  <h2>Start a run</h2>
  <form id="start">
    <label>Model <select name="model"><option>anticipator</option><option>controller</option></select></label>
    <label>Structure set (folder or manifest; empty: structure-v1) <input name="data" type="text"></label>
    <label>Epochs <input name="epochs" type="number" value="12" min="1" step="1"></label>
    <label>Batches per epoch <input name="batches_per_epoch" type="number" value="150" min="1" step="1"></label>
    <label>Batch size <input name="batch_size" type="number" value="256" min="1" step="1"></label>
    <label>Learning rate <input name="learning_rate" type="number" value="0.001" step="any"></label>
    <label>Window frames <input name="window_frames" type="number" value="10" min="1" step="1"></label>
    <label>Deltas <select name="deltas"><option>none</option><option>delta</option><option>delta-delta</option></select></label>
    <label>Run folder (empty: .cache/runs/api-MODEL) <input name="out" type="text"></label>
    <button type="submit" id="go">Start</button>
  </form>
  <p id="message"></p>
</section>
<script>
  const $ = (id) => document.getElementById(id);
  const W = 600, H = 220, PAD = 20;

  function draw(history) {
    const values = history.flatMap((e) => [e.train_loss, e.val_loss]).filter(Number.isFinite);
    if (history.length === 0 || values.length === 0) {
      $('train-line').setAttribute('points', '');
      $('val-line').setAttribute('points', '');
      $('y-max').textContent = '';
      $('y-min').textContent = '';
      return;
    }
    const lo = Math.min(...values), hi = Math.max(...values), span = hi - lo || 1;
    const x = (i) => PAD + (history.length === 1 ? 0 : (i * (W - 2 * PAD)) / (history.length - 1));
    const y = (v) => H - PAD - ((v - lo) / span) * (H - 2 * PAD);
    const line = (key) => history.filter((e) => Number.isFinite(e[key])).map((e) => x(e.epoch - 1).toFixed(1) + ',' + y(e[key]).toFixed(1)).join(' ');
    $('train-line').setAttribute('points', line('train_loss'));
    $('val-line').setAttribute('points', line('val_loss'));
    $('y-max').textContent = hi.toPrecision(4);
    $('y-min').textContent = lo.toPrecision(4);
  }

  function show(s) {
    $('state').textContent = s.status;
    $('state').dataset.state = s.status;
    $('model').textContent = s.model ?? '—';
    $('epoch').textContent = s.epochs > 0 ? s.epoch + ' of ' + s.epochs : '—';
    const end = s.finished_at ?? Date.now();
    $('elapsed').textContent = s.started_at === null ? '—' : ((end - s.started_at) / 1000).toFixed(0) + ' s';
    $('out').textContent = s.out ?? 'default';
    $('progress').value = s.progress;
    $('error').textContent = s.error ?? '';
    $('go').disabled = s.status === 'running';
    draw(s.loss_history);
  }

  async function poll() {
    try {
      const res = await fetch('/api/train/status');
      show(await res.json());
    } catch {
      $('state').textContent = 'training API not reachable';
      $('state').dataset.state = 'failed';
    }
  }

  $('start').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = {};
    for (const [key, value] of form) {
      if (value === '') continue;
      body[key] = ['model', 'data', 'deltas', 'out'].includes(key) ? value : Number(value);
    }
    const res = await fetch('/api/train/start', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await res.json();
    $('message').className = res.ok ? '' : 'refused';
    $('message').textContent = res.ok ? 'Started.' : answer.error;
    if (res.ok) show(answer);
  });

  void poll();
  setInterval(poll, 1000);
</script>
</body>
</html>
`;
