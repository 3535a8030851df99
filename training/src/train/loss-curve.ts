/** The loss curves of a run as a small standalone SVG (train and validation loss per epoch, log scale). */

export interface EpochRecord {
  epoch: number;
  train_loss: number;
  val_loss: number;
  seconds: number;
  /** The learning rate the epoch trained at (recorded when the loop may change it). */
  learning_rate?: number;
}

export function lossCurveSvg(title: string, epochs: readonly EpochRecord[]): string {
  const w = 640;
  const h = 360;
  const m = { l: 60, r: 20, t: 30, b: 40 };
  const values = epochs.flatMap((e) => [e.train_loss, e.val_loss]).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.log10(Math.min(...values, 1));
  const hi = Math.log10(Math.max(...values, 1e-3));
  const span = hi - lo || 1;
  const n = Math.max(1, epochs.length - 1);
  const x = (i: number): number => m.l + ((w - m.l - m.r) * i) / n;
  const y = (v: number): number => m.t + ((h - m.t - m.b) * (hi - Math.log10(Math.max(v, 1e-12)))) / span;
  const line = (key: 'train_loss' | 'val_loss'): string => epochs.map((e, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(e[key]).toFixed(1)}`).join(' ');
  const ticks = [lo, (lo + hi) / 2, hi].map((t) => `<text x="${m.l - 6}" y="${y(10 ** t).toFixed(1)}" text-anchor="end" font-size="11">${(10 ** t).toPrecision(3)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${w / 2}" y="18" text-anchor="middle" font-size="14">${title.replace(/[<&]/g, '')}</text>`,
    `<line x1="${m.l}" y1="${h - m.b}" x2="${w - m.r}" y2="${h - m.b}" stroke="black"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${h - m.b}" stroke="black"/>`,
    ...ticks,
    `<text x="${w / 2}" y="${h - 8}" text-anchor="middle" font-size="12">epoch (1..${epochs.length})</text>`,
    `<path d="${line('train_loss')}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    `<path d="${line('val_loss')}" fill="none" stroke="#d62728" stroke-width="2"/>`,
    `<text x="${w - m.r - 120}" y="${m.t + 14}" font-size="12" fill="#1f77b4">train loss</text>`,
    `<text x="${w - m.r - 120}" y="${m.t + 30}" font-size="12" fill="#d62728">validation loss</text>`,
    '</svg>',
    '',
  ].join('\n');
}
