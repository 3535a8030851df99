import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audioDim } from '../../src/anticipator/anticipator-data.js';
import { cardInputs, shippedAnticipator } from '../../src/anticipator/shipped-inputs.js';
import { ORBIT_STATE_SIZE } from '@fractalsync/server/core/models/controller-inputs';
import { REPO_ROOT } from '../../src/repo-paths.js';

const SHIPPED = join(REPO_ROOT, 'models', 'anticipator.onnx');
const dir = mkdtempSync(join(tmpdir(), 'fractalsync-shipped-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped model with its card edited by `edit`. */
function withCard(name: string, edit: (card: Record<string, unknown>) => void): string {
  const model = join(dir, `${name}.onnx`);
  copyFileSync(SHIPPED, model);
  const card = JSON.parse(readFileSync(join(REPO_ROOT, 'models', 'anticipator.card.json'), 'utf8')) as Record<string, unknown>;
  edit(card);
  writeFileSync(join(dir, `${name}.card.json`), JSON.stringify(card));
  return model;
}

describe('scoring a shipped anticipator from its card', () => {
  it('reads the window, the delta order that gives its input width, and the alarm thresholds the daemon uses', async () => {
    const card = JSON.parse(readFileSync(join(REPO_ROOT, 'models', 'anticipator.card.json'), 'utf8')) as {
      dims: { window_frames: number; audio_feature_dim: number };
      alarm_thresholds: (number | null)[];
    };
    const { inputs, thresholds } = await shippedAnticipator(SHIPPED);
    expect(inputs.windowFrames).toBe(card.dims.window_frames);
    expect(audioDim(inputs)).toBe(card.dims.audio_feature_dim);
    expect(thresholds).toEqual(card.alarm_thresholds);
  });

  it("reads the shipped controller's layout with its orbit-state columns counted apart, and refuses it without them", async () => {
    const controller = join(REPO_ROOT, 'models', 'controller.onnx');
    const card = JSON.parse(readFileSync(join(REPO_ROOT, 'models', 'controller.card.json'), 'utf8')) as { dims: { window_frames: number; audio_feature_dim: number } };
    const { inputs } = await cardInputs(controller, ORBIT_STATE_SIZE);
    expect(inputs.windowFrames).toBe(card.dims.window_frames);
    expect(audioDim(inputs) + ORBIT_STATE_SIZE).toBe(card.dims.audio_feature_dim);
    await expect(cardInputs(controller)).rejects.toThrow(/controller\.card\.json: audio_feature_dim \d+ fits 0 delta orders/);
  });

  it('refuses a card whose input width fits no delta order, or that has no alarm thresholds, naming the card', async () => {
    const odd = withCard('odd', (card) => {
      (card['dims'] as Record<string, number>)['audio_feature_dim'] = 129;
    });
    await expect(shippedAnticipator(odd)).rejects.toThrow(/odd\.card\.json: audio_feature_dim 129 fits 0 delta orders/);
    const bare = withCard('bare', (card) => {
      delete card['alarm_thresholds'];
    });
    await expect(shippedAnticipator(bare)).rejects.toThrow(/bare\.card\.json: the card has no alarm_thresholds/);
  });
});
