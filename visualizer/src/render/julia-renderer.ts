import { Application, Geometry, GlProgram, Mesh, Shader, UniformGroup } from 'pixi.js';
import type { FramePlan } from '../../../server/src/core/visual/frame-plan.js';
import type { Palette } from '../../../server/src/core/visual/palettes.js';
import baselineFragment from './baseline.frag?raw';
import juliaFragment from './julia.frag?raw';
import vertex from './julia.vert?raw';

export interface RendererOptions {
  /** Render resolution as a share of the window's CSS pixels. */
  scale: number;
  supersample: 1 | 2;
  shader: 'julia' | 'baseline';
}

/** The uniforms of the last frame, by name, for the HUD and the tests. */
export type UniformSnapshot = Record<string, number | number[]>;

const vec2 = (): { value: Float32Array; type: 'vec2<f32>' } => ({ value: new Float32Array(2), type: 'vec2<f32>' });
const vec3 = (): { value: Float32Array; type: 'vec3<f32>' } => ({ value: new Float32Array(3), type: 'vec3<f32>' });
const f32 = (value = 0): { value: number; type: 'f32' } => ({ value, type: 'f32' });

function makeUniforms(supersample: number): UniformGroup {
  return new UniformGroup({
    uViewSize: vec2(),
    uC: vec2(),
    uCenter: vec2(),
    uScale: f32(1),
    uMaxIter: f32(96),
    uSamples: f32(supersample),
    uPaletteA: vec3(),
    uPaletteB: vec3(),
    uPaletteC: vec3(),
    uPaletteD: vec3(),
    uPaletteShift: f32(),
    uColorDensity: f32(0.05),
    uInterior: f32(),
    uBrightness: f32(1),
    uFlash: f32(),
    uBlackout: f32(),
  });
}

/**
 * One full-screen pixi.js Mesh whose fragment shader draws the Julia set. The canvas is rendered at `scale`
 * of the window's size and stretched by CSS, which is how a weak GPU keeps its frame rate.
 */
export class JuliaRenderer {
  readonly app: Application;
  readonly #uniforms: UniformGroup;
  #contextLosses = 0;
  #contextRestores = 0;

  private constructor(app: Application, uniforms: UniformGroup) {
    this.app = app;
    this.#uniforms = uniforms;
  }

  static async create(parent: HTMLElement, options: RendererOptions): Promise<JuliaRenderer> {
    const app = new Application();
    await app.init({
      preference: 'webgl',
      resizeTo: window,
      resolution: options.scale,
      autoDensity: true,
      antialias: false,
      background: 0x000000,
      autoStart: false,
      sharedTicker: false,
      powerPreference: 'high-performance',
    });
    parent.appendChild(app.canvas);
    const uniforms = makeUniforms(options.supersample);
    const glProgram = GlProgram.from({
      vertex,
      fragment: options.shader === 'julia' ? juliaFragment : baselineFragment,
      name: `fractalsync-${options.shader}`,
      preferredFragmentPrecision: 'highp',
    });
    const shader = new Shader({ glProgram, resources: { juliaUniforms: uniforms } });
    const geometry = new Geometry({ attributes: { aPosition: [-1, -1, 1, -1, 1, 1, -1, 1] }, indexBuffer: [0, 1, 2, 0, 2, 3] });
    app.stage.addChild(new Mesh({ geometry, shader }));
    const renderer = new JuliaRenderer(app, uniforms);
    app.canvas.addEventListener('webglcontextlost', () => {
      renderer.#contextLosses++;
    });
    app.canvas.addEventListener('webglcontextrestored', () => {
      renderer.#contextRestores++;
    });
    return renderer;
  }

  /** True between a WebGL context loss and its restoration; frames are skipped meanwhile. */
  get contextLost(): boolean {
    return this.#contextLosses > this.#contextRestores;
  }

  get contextEvents(): { lost: number; restored: number } {
    return { lost: this.#contextLosses, restored: this.#contextRestores };
  }

  /** Draws one frame; returns false when it could not (context lost). */
  render(plan: FramePlan, palette: Palette): boolean {
    if (this.contextLost) return false;
    const u = this.#uniforms.uniforms as Record<string, Float32Array | number>;
    const set2 = (name: string, x: number, y: number): void => {
      const v = u[name];
      if (v instanceof Float32Array) v.set([x, y]);
    };
    const set3 = (name: string, values: readonly number[]): void => {
      const v = u[name];
      if (v instanceof Float32Array) v.set(values);
    };
    set2('uViewSize', this.app.canvas.width, this.app.canvas.height);
    set2('uC', plan.c.re, plan.c.im);
    set2('uCenter', plan.center.re, plan.center.im);
    u.uScale = plan.scale;
    u.uMaxIter = plan.maxIter;
    set3('uPaletteA', palette.a);
    set3('uPaletteB', palette.b);
    set3('uPaletteC', palette.c);
    set3('uPaletteD', palette.d);
    u.uPaletteShift = plan.paletteShift;
    u.uColorDensity = plan.colorDensity;
    u.uInterior = plan.interior;
    u.uBrightness = plan.brightness;
    u.uFlash = plan.flash;
    u.uBlackout = plan.blackout ? 1 : 0;
    this.app.render();
    return true;
  }

  uniforms(): UniformSnapshot {
    const out: UniformSnapshot = {};
    for (const [name, value] of Object.entries(this.#uniforms.uniforms as Record<string, Float32Array | number>)) {
      out[name] = typeof value === 'number' ? value : Array.from(value);
    }
    return out;
  }
}
