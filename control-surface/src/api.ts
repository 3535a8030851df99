import type { Scene } from '../../server/src/core/scene/scene.js';

/** A preset as GET /api/presets lists it. */
export interface PresetInfo {
  name: string;
  saved_at: string;
  scene: Scene;
}

/** The parts of GET /api/status the health panel reads; every part may be missing on an older daemon. */
export interface DaemonStatus {
  input?: { source: { kind: string; name: string } | null; state: string; message: string | null; level_rms: number; level_peak: number; clipping: boolean; silent_fill_hops: number };
  processing?: { hop_ms_median: number; hop_ms_p99: number; hops_per_second: number; late_states: number };
  clients?: { id: string; display: string | null; latency_ms: number | null; role: string; remote_address: string }[];
  osc_out?: { id: string; host: string; port: number; profile: string; enabled: boolean; sent: number; errors: number; last_error: string | null }[];
  osc_in?: { port: number; accepted: number; rejected: number } | null;
  midi?: { state: string; port?: string; message?: string | null; transport?: string } | null;
  presets?: { count: number; problem: string | null };
  scene?: { rev: number; problem: string | null };
  models?: { name: string; path: string | null; runs: number; timeouts: number; busy: number; failures: number; error: string | null }[];
}

/** REST calls of the surface: reads are open, writes carry the PIN as a bearer token. Errors carry the daemon's words. */
export class Api {
  #token: string | null = null;

  set token(token: string | null) {
    this.#token = token;
  }

  async status(): Promise<DaemonStatus> {
    return (await this.#call('GET', '/api/status')) as DaemonStatus;
  }

  async presets(): Promise<{ presets: PresetInfo[]; problem: string | null }> {
    return (await this.#call('GET', '/api/presets')) as { presets: PresetInfo[]; problem: string | null };
  }

  save(name: string): Promise<unknown> {
    return this.#call('POST', '/api/presets', { name });
  }

  recall(name: string): Promise<unknown> {
    return this.#call('POST', `/api/presets/${encodeURIComponent(name)}/recall`);
  }

  rename(from: string, to: string): Promise<unknown> {
    return this.#call('PATCH', `/api/presets/${encodeURIComponent(from)}`, { name: to });
  }

  remove(name: string): Promise<unknown> {
    return this.#call('DELETE', `/api/presets/${encodeURIComponent(name)}`);
  }

  exportAll(): Promise<unknown> {
    return this.#call('GET', '/api/presets/export');
  }

  import(file: unknown): Promise<unknown> {
    return this.#call('POST', '/api/presets/import', file);
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.#token !== null) headers.authorization = `Bearer ${this.#token}`;
    const response = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (response.status === 204) return null;
    const payload = (await response.json()) as unknown;
    if (!response.ok) {
      const error = typeof payload === 'object' && payload !== null ? (payload as { error?: unknown }).error : undefined;
      throw new Error(typeof error === 'string' ? error : `${method} ${path} failed with HTTP ${String(response.status)}`);
    }
    return payload;
  }
}
