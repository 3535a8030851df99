/**
 * The setting the exporter tests share: TensorFlow.js on the cpu backend (the parity reference), a temporary
 * folder removed after the file, and a checkpoint written the way training writes one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import type { ExportProvenance } from '../../src/export/export-with-parity.js';
import { saveParams } from '../../src/train/params.js';
import type { Params } from '../../src/train/params.js';

/** Provenance for a test export: the card needs it, the tests do not read it back. */
export const TEST_PROVENANCE: ExportProvenance = { manifest: 'm.json', manifestHash: 'abc', trainingCommand: 'test', metrics: {} };

export interface ExportFixture {
  dir: string;
  /** Writes `{ config, weights }` as `name` under dir and returns its path. */
  checkpoint: (name: string, config: unknown, params: Params) => string;
}

export function exportFixture(prefix: string): ExportFixture {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    checkpoint: (name, config, params) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ config, weights: saveParams(params) }));
      return path;
    },
  };
}
