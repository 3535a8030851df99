import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeVersion, FEATURE_CODE } from '../../src/features/code-version.js';
import { trackerVersion } from '../../src/structure/daemon-tracker.js';

const root = mkdtempSync(join(tmpdir(), 'fs-tracker-version-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A stand-in for server/dist and models/: every file the version reads, with one line of content each. */
function fakeBuild(): { dist: string; model: string } {
  const dist = join(root, 'server', 'dist');
  for (const dir of [...FEATURE_CODE.filter((entry) => !entry.endsWith('.js')), 'core/beat', 'dsp', 'engine']) mkdirSync(join(dist, dir), { recursive: true });
  for (const entry of FEATURE_CODE) writeFileSync(entry.endsWith('.js') ? join(dist, entry) : join(dist, entry, 'x.js'), `// ${entry}\n`);
  writeFileSync(join(dist, 'core/beat', 'beat-filter.js'), 'export const a = 1;\n');
  writeFileSync(join(dist, 'dsp', 'wasm-beat-kernels.js'), '// beat kernels\n');
  writeFileSync(join(dist, 'engine', 'beat-model-stage.js'), '// stage\n');
  writeFileSync(join(dist, 'engine', 'hop-processor.js'), '// processor\n');
  mkdirSync(join(root, 'server', 'wasm'), { recursive: true });
  writeFileSync(join(root, 'server', 'wasm', 'vector-kernels.wasm'), 'wasm');
  writeFileSync(join(root, 'server', 'wasm', 'beat-kernels.wasm'), 'beat wasm');
  mkdirSync(join(root, 'models'), { recursive: true });
  const model = join(root, 'models', 'beat_activation.onnx');
  writeFileSync(model, 'onnx');
  writeFileSync(join(root, 'models', 'beat_activation.card.json'), '{}');
  return { dist, model };
}

describe("the tracker's version (the structure set's cache key)", () => {
  it('changes with the beat model, its card, the compiled tracker code and its kernels, and only then', () => {
    const { dist, model } = fakeBuild();
    const first = trackerVersion(model, dist);
    expect(trackerVersion(model, dist)).toBe(first);
    writeFileSync(join(dist, 'core/beat', 'beat-filter.js'), 'export const a = 2;\n');
    const afterCode = trackerVersion(model, dist);
    expect(afterCode).not.toBe(first);
    writeFileSync(join(root, 'server', 'wasm', 'beat-kernels.wasm'), 'beat wasm 2');
    const afterKernels = trackerVersion(model, dist);
    expect(afterKernels).not.toBe(afterCode);
    writeFileSync(join(root, 'models', 'beat_activation.card.json'), '{"metrics":{}}');
    expect(trackerVersion(model, dist)).not.toBe(afterKernels);
  });

  it('builds on a base version: the feature rows move when the tracker does', () => {
    const { dist } = fakeBuild();
    expect(codeVersion([], ['core/beat'], dist, 'tracker-a')).toBe(codeVersion([], ['core/beat'], dist, 'tracker-a'));
    expect(codeVersion([], ['core/beat'], dist, 'tracker-a')).not.toBe(codeVersion([], ['core/beat'], dist, 'tracker-b'));
  });

  it('names the file it cannot read, and says to build first', () => {
    const { dist } = fakeBuild();
    expect(() => trackerVersion(join(root, 'models', 'missing.onnx'), dist)).toThrow(/missing\.onnx cannot be read .*npm run build first/);
  });
});
