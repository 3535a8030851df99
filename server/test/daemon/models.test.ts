import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlHeaders, openStateStream, startDaemon, TEST_CONTROL_TOKEN, type RunningDaemon } from '../support/daemon.js';
import { waitFor } from '../support/jack.js';

const SHIPPED = fileURLToPath(new URL('../../../models/', import.meta.url));

interface ModelsReply {
  dir: string;
  models: { name: string; path: string | null; runs: number; timeouts: number; error: string | null }[];
}

async function models(port: number): Promise<ModelsReply> {
  return (await (await fetch(`http://127.0.0.1:${port}/api/models`)).json()) as ModelsReply;
}

function load(port: number, name: string, body: unknown, token = TEST_CONTROL_TOKEN): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/models/${name}`, { method: 'POST', headers: controlHeaders(token), body: JSON.stringify(body) });
}

describe('the daemon runs the shipped beat model per hop, and swaps models while it plays', () => {
  let daemon: RunningDaemon;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fs-models-'));
    for (const name of ['beat_activation', 'anticipator', 'controller']) {
      for (const ext of ['.onnx', '.card.json']) copyFileSync(join(SHIPPED, name + ext), join(dir, name + ext));
    }
    daemon = await startDaemon(['--input', 'demo'], { FRACTALSYNC_MODELS_DIR: dir });
  });
  afterAll(async () => {
    await daemon.stop();
  });

  it('loads beat_activation from models.dir and runs it on every hop', async () => {
    await waitFor(async () => ((await models(daemon.port)).models.find((m) => m.name === 'beat_activation')?.runs ?? 0) > 100, 15_000, 'model runs');
    const reply = await models(daemon.port);
    expect(reply.dir).toBe(dir);
    const beat = reply.models.find((m) => m.name === 'beat_activation');
    expect(beat?.path).toBe(join(dir, 'beat_activation.onnx'));
    expect(reply.models.find((m) => m.name === 'controller')?.path).toBe(join(dir, 'controller.onnx'));
  });

  it('carries the anticipator\'s structure and the controller\'s control vector in SlowState, until the VJ picks manual', async () => {
    const stream = await openStateStream(daemon.port);
    try {
      await waitFor(() => stream.states.length > 10, 10_000, 'states');
      const state = stream.states.at(-1) as unknown as { structure?: { section: string; section_probs: number[]; hazard: number[] }; control_source?: string; control?: number[] };
      expect(state.control_source).toBe('model');
      expect(['silence', 'intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'inst', 'outro']).toContain(state.structure?.section);
      expect(state.structure?.section_probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(state.structure?.hazard).toHaveLength(5);
      expect(state.control).toHaveLength(9);
      const manual = await fetch(`http://127.0.0.1:${daemon.port}/api/scene`, {
        method: 'POST',
        headers: controlHeaders(TEST_CONTROL_TOKEN),
        body: JSON.stringify({ type: 'control_source', value: 'manual' }),
      });
      expect(manual.status).toBe(200);
      const from = stream.states.length;
      await waitFor(() => stream.states.slice(from).some((s) => s.control_source === 'manual'), 5000, 'manual control');
      // The structure block stays: only the control vector's producer changed.
      expect((stream.states.at(-1) as unknown as { structure?: unknown }).structure).toBeDefined();
    } finally {
      stream.close();
    }
  });

  it('raises the boundary alarm by the anticipator card\'s own thresholds, and refuses bad ones by name', async () => {
    const cardPath = join(dir, 'anticipator.card.json');
    const shipped = readFileSync(cardPath, 'utf8');
    const card = JSON.parse(shipped) as Record<string, unknown>;
    const stream = await openStateStream(daemon.port);
    type Alarmed = { structure?: { boundary_in?: number } };
    const lastStructured = (from: number): Alarmed[] => (stream.states.slice(from) as unknown as Alarmed[]).filter((s) => s.structure !== undefined);
    try {
      // Only the 16-beat horizon can raise it, at any hazard: the alarm stands at 16 on every hop.
      writeFileSync(cardPath, JSON.stringify({ ...card, alarm_thresholds: [null, null, null, null, 1e-9] }));
      expect((await load(daemon.port, 'anticipator', {})).status).toBe(200);
      let from = stream.states.length;
      await waitFor(() => lastStructured(from).length > 30, 10_000, 'states after the reload');
      expect(lastStructured(from).slice(-20).map((s) => s.structure?.boundary_in)).toEqual(new Array(20).fill(16));
      // No horizon can: no alarm at all.
      writeFileSync(cardPath, JSON.stringify({ ...card, alarm_thresholds: [null, null, null, null, null] }));
      expect((await load(daemon.port, 'anticipator', {})).status).toBe(200);
      from = stream.states.length;
      await waitFor(() => lastStructured(from).length > 30, 10_000, 'states after the second reload');
      expect(lastStructured(from).slice(-20).every((s) => s.structure?.boundary_in === undefined)).toBe(true);
      writeFileSync(cardPath, JSON.stringify({ ...card, alarm_thresholds: [0.5, 0.5, 1.5, 0.5, 0.5] }));
      const bad = await load(daemon.port, 'anticipator', {});
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/alarm_thresholds/);
    } finally {
      stream.close();
      writeFileSync(cardPath, shipped);
    }
    expect((await load(daemon.port, 'anticipator', {})).status).toBe(200);
  });

  it('refuses a corrupt file, a wrong model and a bad request by name, keeps the running model, and never drops a hop', async () => {
    const stream = await openStateStream(daemon.port);
    try {
      writeFileSync(join(dir, 'broken.onnx'), 'not a model');
      copyFileSync(join(dir, 'beat_activation.card.json'), join(dir, 'broken.card.json'));
      const corrupt = await load(daemon.port, 'beat_activation', { path: 'broken.onnx' });
      expect(corrupt.status).toBe(400);
      expect(((await corrupt.json()) as { error: string }).error).toMatch(/broken\.onnx is not a valid ONNX model/);
      const wrongSlot = await load(daemon.port, 'controller', { path: 'beat_activation.onnx' });
      expect(((await wrongSlot.json()) as { error: string }).error).toMatch(/is a "beat_activation" model .* this slot takes "controller"/);
      expect((await load(daemon.port, 'bar_phase', {})).status).toBe(404);
      expect((await load(daemon.port, 'beat_activation', { path: 42 })).status).toBe(400);
      expect((await load(daemon.port, 'beat_activation', {}, 'wrong-token')).status).toBe(401);
      const swap = await load(daemon.port, 'beat_activation', {});
      expect(swap.status).toBe(200);
      const before = (await models(daemon.port)).models.find((m) => m.name === 'beat_activation')?.runs ?? 0;
      await waitFor(async () => ((await models(daemon.port)).models.find((m) => m.name === 'beat_activation')?.runs ?? 0) > before + 20, 10_000, 'runs after the swap');
      const status = (await models(daemon.port)).models.find((m) => m.name === 'beat_activation');
      expect(status?.error).toBeNull();
      // A second of states across the swap, to check for gaps.
      const count = stream.states.length;
      await waitFor(() => stream.states.length > count + 40, 10_000, 'states after the swap');
    } finally {
      stream.close();
    }
    for (let i = 1; i < stream.states.length; i++) expect(stream.states[i]?.hop).toBe((stream.states[i - 1]?.hop ?? 0) + 1);
    expect(stream.states.length).toBeGreaterThan(20);
  });
});

describe('a daemon without models', () => {
  it('says which hand-written path stands in for each, and serves states', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'fs-no-models-'));
    const daemon = await startDaemon(['--input', 'demo'], { FRACTALSYNC_MODELS_DIR: empty });
    try {
      expect(daemon.output()).toMatch(/model beat_activation: none in .*the beat tracker uses its DSP activation/);
      expect(daemon.output()).toMatch(/model controller: none in .*the control vector comes from the hand-written mapping/);
      await waitFor(async () => (await models(daemon.port)).models.length > 0, 5000, 'model status');
      const reply = await models(daemon.port);
      expect(reply.models.map((m) => m.name)).toEqual(['beat_activation', 'anticipator', 'controller']);
      expect(reply.models.every((m) => m.path === null)).toBe(true);
    } finally {
      await daemon.stop();
    }
  });

  it('starts with a corrupt and an off-contract model: names each problem, runs without them, serves states', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-bad-models-'));
    copyFileSync(join(SHIPPED, 'beat_activation.card.json'), join(dir, 'beat_activation.card.json'));
    writeFileSync(join(dir, 'beat_activation.onnx'), 'truncated');
    copyFileSync(join(SHIPPED, 'anticipator.onnx'), join(dir, 'anticipator.onnx'));
    const card = JSON.parse(readFileSync(join(SHIPPED, 'anticipator.card.json'), 'utf8')) as { contract_version: number };
    writeFileSync(join(dir, 'anticipator.card.json'), JSON.stringify({ ...card, contract_version: 2 }));
    const daemon = await startDaemon(['--input', 'demo'], { FRACTALSYNC_MODELS_DIR: dir });
    try {
      expect(daemon.output()).toMatch(/model beat_activation: .*beat_activation\.onnx is not a valid ONNX model.*the beat tracker uses its DSP activation/);
      expect(daemon.output()).toMatch(/model anticipator: .*contract version 2.*SlowState carries no structure block/);
      const stream = await openStateStream(daemon.port);
      await waitFor(() => stream.states.length > 20, 10_000, 'states');
      stream.close();
      const last = stream.states.at(-1) as unknown as { structure?: unknown; control_source?: string };
      expect(last.structure).toBeUndefined();
      expect(last.control_source).toBe('manual');
      // The worker reports its models every 500 ms.
      await waitFor(async () => (await models(daemon.port)).models.length > 0, 5000, 'model status');
      const reply = await models(daemon.port);
      expect(reply.models.find((m) => m.name === 'beat_activation')?.error).toMatch(/not a valid ONNX model/);
    } finally {
      await daemon.stop();
    }
  });
});
