/**
 * Palettes as data: each colour channel is a + b·cos(2π(c·x + d)) for x in [0, 1) along the escape-time
 * gradient. Four vec3 per palette are all a shader needs, and a new palette is one entry here.
 */
export interface Palette {
  a: readonly [number, number, number];
  b: readonly [number, number, number];
  c: readonly [number, number, number];
  d: readonly [number, number, number];
}

export const PALETTES = {
  ember: { a: [0.5, 0.3, 0.2], b: [0.5, 0.35, 0.25], c: [1, 1, 1], d: [0.0, 0.1, 0.2] },
  ocean: { a: [0.2, 0.4, 0.55], b: [0.2, 0.35, 0.45], c: [1, 1, 1], d: [0.3, 0.2, 0.1] },
  neon: { a: [0.5, 0.5, 0.5], b: [0.5, 0.5, 0.5], c: [1, 1, 1], d: [0.0, 0.33, 0.67] },
  aurora: { a: [0.4, 0.55, 0.45], b: [0.35, 0.45, 0.35], c: [1, 1, 0.5], d: [0.8, 0.9, 0.3] },
  mono: { a: [0.5, 0.5, 0.5], b: [0.5, 0.5, 0.5], c: [1, 1, 1], d: [0.0, 0.0, 0.0] },
} as const satisfies Record<string, Palette>;

export type PaletteName = keyof typeof PALETTES;
export const PALETTE_NAMES = Object.keys(PALETTES) as PaletteName[];

export function isPaletteName(value: unknown): value is PaletteName {
  return typeof value === 'string' && Object.hasOwn(PALETTES, value);
}

