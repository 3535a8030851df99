import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FS_NAMESPACE } from '../../src/outputs/oscquery/fs-namespace.js';
import { buildNamespace, findNode, type OscQueryNode } from '../../src/outputs/oscquery/namespace.js';
import { startOscQuery, type OscQueryServer } from '../../src/outputs/oscquery/oscquery-server.js';
import { RecordingLog } from '../support/recording-log.js';

describe('buildNamespace', () => {
  it('builds containers and methods from the FractalSync description list', () => {
    const root = buildNamespace(FS_NAMESPACE);
    expect(Object.keys(root.CONTENTS ?? {})).toEqual(['fs']);
    const fs = findNode(root, '/fs');
    expect(Object.keys(fs?.CONTENTS ?? {})).toEqual(['beat', 'downbeat', 'phase', 'bar_phase', 'bpm', 'conf', 'hazard', 'features', 'section', 'boundary', 'c', 'cmd']);
    expect(Object.keys(findNode(root, '/fs/features')?.CONTENTS ?? {})).toEqual([
      'rms', 'centroid', 'flux', 'zcr', 'onset', 'rolloff', 'band_0', 'band_1', 'band_2', 'band_3', 'band_4', 'band_5',
    ]);
    expect(findNode(root, '/fs/hazard')).toMatchObject({ TYPE: 'fffff', ACCESS: 1, RANGE: Array(5).fill({ MIN: 0, MAX: 1 }) });
    expect(findNode(root, '/fs/cmd/tap')).toEqual({ FULL_PATH: '/fs/cmd/tap', ACCESS: 2, TYPE: 'N', DESCRIPTION: expect.stringContaining('Tap tempo') as unknown });
    expect(findNode(root, '/fs/nope')).toBeUndefined();
    expect(findNode(root, '/fs/bpm/deeper')).toBeUndefined();
  });

  it('refuses bad descriptions, naming the path', () => {
    expect(() => buildNamespace([{ path: 'fs/x', type: 'f', access: 1, description: '', range: [{}] }])).toThrow('OSCQuery path "fs/x" is not valid');
    expect(() => buildNamespace([{ path: '/fs/x', type: 'f', access: 1, description: '', range: [] }])).toThrow('OSCQuery range at /fs/x has 0 entries; expected 1');
    expect(() => buildNamespace([{ path: '/fs/x', type: 'f?', access: 1, description: '', range: [{}] }])).toThrow('OSCQuery type "f?" at /fs/x is not an OSC type tag string');
    const x = { path: '/fs/x', type: 'f', access: 1, description: '', range: [{}] } as const;
    expect(() => buildNamespace([x, x])).toThrow('OSCQuery path /fs/x is described twice');
    expect(() => buildNamespace([x, { ...x, path: '/fs/x/y' }])).toThrow('OSCQuery path /fs/x/y lies under the method /fs/x');
  });
});

describe('OSCQuery over HTTP', () => {
  let server: OscQueryServer;
  let base: string;
  const log = new RecordingLog();
  beforeAll(async () => {
    server = await startOscQuery({ host: '127.0.0.1', port: 0, name: 'FractalSync', oscPort: 9001 }, buildNamespace(FS_NAMESPACE, 'FractalSync'), log);
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
  });
  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(base + path);
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };

  it('GET / returns the whole tree with FULL_PATH and CONTENTS', async () => {
    const { status, body } = await get('/');
    expect(status).toBe(200);
    const root = body as OscQueryNode;
    expect(root.FULL_PATH).toBe('/');
    expect(root.CONTENTS?.fs?.CONTENTS?.features?.CONTENTS?.centroid).toEqual({
      FULL_PATH: '/fs/features/centroid', ACCESS: 1, TYPE: 'f', RANGE: [{ MIN: 0, MAX: 24000 }], DESCRIPTION: 'Spectral centroid in Hz',
    });
    expect(root.CONTENTS?.fs?.CONTENTS?.cmd?.FULL_PATH).toBe('/fs/cmd');
  });

  it('GET a leaf returns its TYPE, RANGE and ACCESS; a sub-path returns that container', async () => {
    expect((await get('/fs/cmd/nudge')).body).toMatchObject({ FULL_PATH: '/fs/cmd/nudge', TYPE: 'f', ACCESS: 2, RANGE: [{ MIN: -500, MAX: 500 }] });
    expect((await get('/fs/cmd/meter')).body).toMatchObject({ TYPE: 'i', ACCESS: 2, RANGE: [{ VALS: [0, 2, 3, 4, 5, 7] }] });
    expect((await get('/fs/beat')).body).toMatchObject({ TYPE: 'iif', ACCESS: 1, RANGE: [{ MIN: 0 }, { MIN: 1, MAX: 7 }, { MIN: 55, MAX: 215 }] });
    expect((await get('/fs/section')).body).toMatchObject({ TYPE: 'sf', RANGE: [{ VALS: ['silence', 'intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'inst', 'outro'] }, { MIN: 0, MAX: 1 }] });
    const cmd = await get('/fs/cmd/');
    expect(cmd.status).toBe(200);
    expect(Object.keys((cmd.body as OscQueryNode).CONTENTS ?? {})).toEqual(['tap', 'nudge', 'downbeat', 'lock', 'double', 'half', 'meter', 'look', 'palette', 'intensity', 'zoom', 'speed', 'strobe', 'blackout', 'freeze', 'control_source', 'scene_reset', 'midi']);
    expect(Object.keys(((await get('/fs/cmd/midi/')).body as OscQueryNode).CONTENTS ?? {})).toEqual(['start', 'stop', 'continue']);
  });

  it('?HOST_INFO names the server, its OSC port and transport, and the extensions', async () => {
    const { status, body } = await get('/?HOST_INFO');
    expect(status).toBe(200);
    expect(body).toMatchObject({ NAME: 'FractalSync', OSC_PORT: 9001, OSC_TRANSPORT: 'UDP', EXTENSIONS: { ACCESS: true, RANGE: true, DESCRIPTION: true, VALUE: false } });
  });

  it('?ATTRIBUTE returns just that attribute; 204 when the node lacks it, 400 for an unknown one', async () => {
    expect(await get('/fs/bpm?TYPE')).toEqual({ status: 200, body: { TYPE: 'f' } });
    expect(await get('/fs/bpm?RANGE')).toEqual({ status: 200, body: { RANGE: [{ MIN: 55, MAX: 215 }] } });
    expect(await get('/fs/cmd/lock?ACCESS')).toEqual({ status: 200, body: { ACCESS: 2 } });
    expect(await get('/fs?RANGE')).toEqual({ status: 204, body: undefined });
    const bad = await get('/fs/bpm?COLOUR');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'attribute "COLOUR" is unknown; expected HOST_INFO or one of FULL_PATH, CONTENTS, DESCRIPTION, TYPE, ACCESS, RANGE' });
  });

  it('answers 404 JSON for an unknown path and 405 for other methods', async () => {
    expect(await get('/fs/nothing/here')).toEqual({ status: 404, body: { error: 'no OSC node at "/fs/nothing/here"; GET / lists the namespace' } });
    const res = await fetch(`${base}/fs/bpm`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('refuses a port in use with a message naming what to change', async () => {
    await expect(startOscQuery({ host: '127.0.0.1', port: server.port, name: 'x', oscPort: 9001 }, buildNamespace([]), log)).rejects.toThrow(
      `port ${server.port} on 127.0.0.1 is already in use; choose another with --oscquery-port or the oscquery.port config key`,
    );
  });
});
