import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/data/build-eval-set-args.js';
import { roomId } from '../../src/data/build-eval-set.js';
import { assertDisjoint, EVAL_SEEDS, inRange, isEvalSeed } from '../../src/data/eval-seeds.js';
import { DEV_TEMPI, devSetPlan, evalSetPlan } from '../../src/data/eval-set-plan.js';
import type { PlannedTrack } from '../../src/data/eval-set-plan.js';
import { validateGrooveSpec } from '../../src/data/groove-spec.js';
import type { GrooveSpec } from '../../src/data/groove-spec.js';
import { validateMmaSong } from '../../src/data/mma-song.js';
import { TempoCurve } from '../../src/data/tempo-curve.js';

const plan = evalSetPlan(30);
const grooves = plan.filter((t): t is Extract<PlannedTrack, { kind: 'groove' }> => t.kind === 'groove').map((t) => t.spec);
const songs = plan.filter((t): t is Extract<PlannedTrack, { kind: 'mma' }> => t.kind === 'mma').map((t) => t.spec);

function tempi(spec: GrooveSpec): number[] {
  return spec.tempo.map((p) => p.bpm);
}

describe('evalSetPlan', () => {
  it('has 20 procedural grooves and 10 MMA songs with unique ids and valid specs', () => {
    expect(grooves).toHaveLength(20);
    expect(songs).toHaveLength(10);
    const ids = plan.map((t) => t.id);
    expect(new Set([...ids, ...ids.map(roomId)]).size).toBe(2 * ids.length);
    for (const spec of grooves) validateGrooveSpec(spec);
    for (const spec of songs) validateMmaSong(spec);
  });

  it('plays every family at two or more tempi, all within 55-215 BPM', () => {
    const styles = ['four-on-the-floor', 'drum-and-bass', 'swung-hip-hop', 'waltz-3-4', 'seven-eight', 'five-four', 'two-four-march', 'tempo-ramp', 'breakdown', 'meter-change'];
    for (const style of styles) {
      const starts = new Set(grooves.filter((g) => g.style === style).map((g) => g.tempo[0]?.bpm));
      expect(starts.size, style).toBeGreaterThanOrEqual(2);
    }
    const all = [...grooves.flatMap(tempi), ...songs.flatMap((s) => [s.tempo, s.ramp?.toBpm ?? s.tempo])];
    expect(Math.min(...all)).toBeGreaterThanOrEqual(55);
    expect(Math.max(...all)).toBeLessThanOrEqual(215);
    const hipHop = grooves.filter((g) => g.style === 'swung-hip-hop');
    for (const g of hipHop) {
      expect(g.swing).toBeGreaterThanOrEqual(0.55);
      expect(g.swing).toBeLessThanOrEqual(0.66);
    }
  });

  it('covers meters of 2, 3, 4, 5 and 7 beats, and a change of meter mid-song', () => {
    const meters = new Set([...grooves.flatMap((g) => g.sections.map((s) => s.meter.beats)), ...songs.flatMap((s) => s.grooves.map((g) => g.beatsPerBar))]);
    expect([...meters].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 7]);
    expect(grooves.some((g) => new Set(g.sections.map((s) => s.meter.beats)).size > 1)).toBe(true);
    expect(songs.some((s) => s.grooves.length > 1)).toBe(true);
  });

  it('ramps 120 -> 128 BPM over exactly 16 bars starting on a downbeat, and runs past the ramp', () => {
    const ramp = grooves.find((g) => g.style === 'tempo-ramp' && g.tempo[0]?.bpm === 120);
    expect(ramp).toBeDefined();
    if (ramp === undefined) return;
    const curve = new TempoCurve(ramp.tempo);
    const origin = curve.phaseAt(ramp.startOffset);
    const start = ramp.tempo[1]?.time ?? NaN;
    const end = ramp.tempo[2]?.time ?? NaN;
    expect(curve.phaseAt(start) - origin).toBeCloseTo(8, 9);
    expect(curve.phaseAt(end) - origin).toBeCloseTo(8 + 64, 9);
    expect(ramp.tempo[2]?.bpm).toBe(128);
    expect(ramp.duration).toBeGreaterThan(end + 2 * (4 * 60) / 128);
  });

  it('draws every seed from the evaluation ranges, each once', () => {
    for (const g of grooves) expect(inRange(g.seed, EVAL_SEEDS.procedural)).toBe(true);
    for (const s of songs) expect(inRange(s.seed, EVAL_SEEDS.mma)).toBe(true);
    expect(new Set(plan.map((t) => t.spec.seed)).size).toBe(plan.length);
  });

  it('gives MMA songs enough bars to outlast the track', () => {
    for (const s of songs) {
      const slowest = Math.min(s.tempo, s.ramp?.toBpm ?? s.tempo);
      const fewest = Math.min(...s.grooves.map((g) => g.beatsPerBar));
      expect((s.bars * fewest * 60) / slowest).toBeGreaterThan(s.duration);
    }
  });

  it('refuses a track length out of range', () => {
    expect(() => evalSetPlan(2)).toThrow(/track length 2 s is out of range/);
  });
});

describe('parseCliArgs', () => {
  it('defaults to eval-v1, 30 s, under .cache/eval-beats', () => {
    const o = parseCliArgs([]);
    expect(o.set).toBe('eval-v1');
    expect(o.seconds).toBe(30);
    expect(o.outDir.endsWith('.cache/eval-beats/eval-v1')).toBe(true);
    expect(o.skipMidi).toBe(false);
  });

  it('plans a development set that shares no seed or tempo with the evaluation set', () => {
    const evaluation = evalSetPlan(30);
    const development = devSetPlan(30);
    expect(development).toHaveLength(evaluation.length);
    const seeds = (plan: typeof evaluation): number[] => plan.map((t) => t.spec.seed);
    expect(seeds(development).some(isEvalSeed)).toBe(false);
    expect(() => {
      assertDisjoint(evaluation.map((t) => t.id), development.map((t) => t.id));
    }).not.toThrow();
  });

  it('plans further development copies at other tempi and seeds, keeping dev-v1 as the first', () => {
    const one = devSetPlan(30);
    const three = devSetPlan(30, 3);
    expect(three).toHaveLength(3 * one.length);
    expect(three.slice(0, one.length).map((t) => t.id)).toEqual(one.map((t) => t.id));
    expect(one[0]?.id).toBe('house-113-clean-s100000');
    const seeds = three.map((t) => t.spec.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(seeds.some(isEvalSeed)).toBe(false);
    const full = devSetPlan(30, DEV_TEMPI.length);
    const starts = (plan: PlannedTrack[]): string[] => plan.map((t) => `${t.spec.style}@${t.kind === 'groove' ? (t.spec.tempo[0]?.bpm ?? 0) : t.spec.tempo}`);
    const evaluation = new Set(starts(evalSetPlan(30)));
    expect(starts(full).filter((key) => evaluation.has(key))).toEqual([]);
    const all = full.flatMap((t) => (t.kind === 'groove' ? tempi(t.spec) : [t.spec.tempo, t.spec.ramp?.toBpm ?? t.spec.tempo]));
    expect(Math.min(...all)).toBeGreaterThanOrEqual(55);
    expect(Math.max(...all)).toBeLessThanOrEqual(215);
    expect(() => devSetPlan(30, 0)).toThrow(/copies 0 is invalid/);
    expect(() => devSetPlan(30, DEV_TEMPI.length + 1)).toThrow(/copies 9 is invalid/);
  });

  it('reads every option and names a bad one', () => {
    const o = parseCliArgs(['--set', 'v2', '--seconds', '12', '--out', '/tmp/x', '--only', 'waltz', '--no-midi']);
    expect(o).toEqual({ set: 'v2', seconds: 12, outDir: '/tmp/x', only: 'waltz', skipMidi: true, dev: false, copies: 1 });
    expect(parseCliArgs(['--dev', '--copies', '5', '--set', 'dev-v2'])).toMatchObject({ set: 'dev-v2', dev: true, copies: 5 });
    expect(() => parseCliArgs(['--dev', '--copies', '5'])).toThrow(/name the set/);
    expect(() => parseCliArgs(['--copies', '5', '--set', 'x'])).toThrow(/--copies applies to the development set only/);
    expect(() => parseCliArgs(['--dev', '--copies', '9', '--set', 'x'])).toThrow(/--copies "9" is invalid/);
    expect(parseCliArgs(['--dev'])).toMatchObject({ set: 'dev-v1', dev: true });
    expect(() => parseCliArgs(['--seconds', 'abc'])).toThrow(/--seconds "abc" is invalid/);
    expect(() => parseCliArgs(['--set'])).toThrow(/--set needs a value/);
    expect(() => parseCliArgs(['--set', 'a/b'])).toThrow(/--set "a\/b" is invalid/);
    expect(() => parseCliArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
  });
});
