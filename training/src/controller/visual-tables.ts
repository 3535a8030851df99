/**
 * Visual metrics of the Julia frame over a grid of c around the daemon's orbit (its base point ± HALF_SPAN,
 * which covers the largest orbit radius plus every band residual), so the controller's loss can read them
 * differentiably by bilinear interpolation: brightness and edge density from julia-metrics, and a soft inside
 * score, the inside-M indicator blurred by a Gaussian so that it has a gradient well away from the boundary.
 */
import { juliaMetrics } from '@fractalsync/server/core/visual/julia-metrics';
import { mandelbrotPoint } from '@fractalsync/server/core/visual/mandelbrot-table';
import { basePoint, ORBIT, REFERENCE_BASE } from '@fractalsync/server/core/visual/orbit';

export const HALF_SPAN = ORBIT.radius + ORBIT.residualAmplitude.reduce((a, b) => a + b, 0) + 0.02;

export interface VisualTables {
  size: number;
  re0: number;
  im0: number;
  step: number;
  brightness: Float32Array;
  edges: Float32Array;
  insideSoft: Float32Array;
}

export interface VisualTableOptions {
  /** Nodes per side. */
  size: number;
  /** Blur of the inside indicator, in complex units. */
  blur: number;
}

export const VISUAL_TABLE_DEFAULTS: VisualTableOptions = { size: 48, blur: 0.03 };

function gaussianBlur(values: Float32Array, size: number, sigmaNodes: number): Float32Array {
  const radius = Math.ceil(3 * sigmaNodes);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-0.5 * ((i - radius) / sigmaNodes) ** 2));
  const total = kernel.reduce((a, b) => a + b, 0);
  const pass = (src: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(src.length);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let sum = 0;
        kernel.forEach((w, i) => {
          // Edges clamp: the grid's border continues outward.
          const xx = horizontal ? Math.min(size - 1, Math.max(0, x + i - radius)) : x;
          const yy = horizontal ? y : Math.min(size - 1, Math.max(0, y + i - radius));
          sum += w * (src[yy * size + xx] ?? 0);
        });
        out[y * size + x] = sum / total;
      }
    }
    return out;
  };
  return pass(pass(values, true), false);
}

export function visualTables(options: Partial<VisualTableOptions> = {}): VisualTables {
  const o = { ...VISUAL_TABLE_DEFAULTS, ...options };
  if (!Number.isInteger(o.size) || o.size < 2) throw new Error(`visual table size ${o.size} is invalid; expected an integer >= 2`);
  if (!(o.blur > 0)) throw new Error(`visual table blur ${o.blur} is invalid; expected > 0 complex units`);
  const base = basePoint(REFERENCE_BASE);
  const step = (2 * HALF_SPAN) / (o.size - 1);
  const t: VisualTables = {
    size: o.size,
    re0: base.re - HALF_SPAN,
    im0: base.im - HALF_SPAN,
    step,
    brightness: new Float32Array(o.size * o.size),
    edges: new Float32Array(o.size * o.size),
    insideSoft: new Float32Array(o.size * o.size),
  };
  const inside = new Float32Array(o.size * o.size);
  for (let j = 0; j < o.size; j++) {
    for (let i = 0; i < o.size; i++) {
      const c = { re: t.re0 + i * step, im: t.im0 + j * step };
      const m = juliaMetrics(c);
      t.brightness[j * o.size + i] = m.brightness;
      t.edges[j * o.size + i] = m.edgeDensity;
      inside[j * o.size + i] = mandelbrotPoint(c, 256).inside ? 1 : 0;
    }
  }
  t.insideSoft = gaussianBlur(inside, o.size, o.blur / step);
  return t;
}
