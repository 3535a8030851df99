/** Until the control surface lands: the daemon's status, refreshed every second. */
const statusEl = document.getElementById('status');

async function refresh(): Promise<void> {
  try {
    const response = await fetch('/api/status');
    const status: unknown = await response.json();
    if (statusEl) statusEl.textContent = JSON.stringify(status, null, 2);
  } catch (error) {
    if (statusEl) statusEl.textContent = `daemon not reachable: ${String(error)}`;
  }
}

void refresh();
setInterval(() => void refresh(), 1000);
