import { describe, expect, it } from 'vitest';
import { applyCurve, applyMapping, validateMapping } from '../../src/outputs/osc/mapping.js';
import { validateOscTarget, validateOscTargets } from '../../src/outputs/osc/osc-target.js';
import { readSignal, SIGNAL_NAMES } from '../../src/outputs/osc/signals.js';
import { slowState } from './helpers.js';

describe('mapping curves', () => {
  it('map [0, 1] onto [0, 1] with the documented shapes', () => {
    for (const curve of ['linear', 'exp', 'log', 'smoothstep'] as const) {
      expect(applyCurve(curve, 0)).toBeCloseTo(0, 12);
      expect(applyCurve(curve, 1)).toBeCloseTo(1, 12);
    }
    expect(applyCurve('smoothstep', 0.25)).toBeCloseTo(0.15625, 12);
    expect(applyCurve('exp', 0.5)).toBeCloseTo((Math.exp(1.5) - 1) / (Math.exp(3) - 1), 12);
    expect(applyCurve('log', applyCurve('exp', 0.3))).toBeCloseTo(0.3, 12);
  });

  it('scales, clamps and inverts ranges', () => {
    const m = { signal: 'features.rms', address: '/a', inMin: 0.2, inMax: 0.6, outMin: 10, outMax: -10, curve: 'linear' as const };
    expect(applyMapping(m, 0.4)).toBeCloseTo(0, 12);
    expect(applyMapping(m, 5)).toBeCloseTo(-10, 12);
    expect(applyMapping(m, -5)).toBeCloseTo(10, 12);
  });
});

describe('mapping validation', () => {
  it('fills defaults and accepts every listed signal', () => {
    expect(validateMapping({ signal: 'control.alpha', address: '/a/b' }, 'm')).toEqual({ signal: 'control.alpha', address: '/a/b', inMin: 0, inMax: 1, outMin: 0, outMax: 1, curve: 'linear' });
    expect(SIGNAL_NAMES).toContain('section_probs.4');
    expect(readSignal(slowState(), 'beat.phase')).toBe(0.5);
    expect(readSignal(slowState(), 'features.band_2')).toBe(3);
    expect(readSignal(slowState(), 'control.alpha')).toBeUndefined();
  });

  it('names the bad field and what is allowed', () => {
    expect(() => validateMapping({ signal: 'features.loudness', address: '/a' }, 'targets[0].mappings[1]')).toThrow(
      /targets\[0\]\.mappings\[1\]\.signal "features\.loudness" is not a signal; allowed: features\.<rms\|.*band_0\.\.band_5>.*hazard\.0\.\.4.*c\.re, c\.im/,
    );
    expect(() => validateMapping({ signal: 'beat.phase', address: 'no-slash' }, 'm')).toThrow(/m\.address "no-slash" must be an OSC address/);
    expect(() => validateMapping({ signal: 'beat.phase', address: '/a', inMin: 1, inMax: 1 }, 'm')).toThrow(/inMin and inMax must differ/);
    expect(() => validateMapping({ signal: 'beat.phase', address: '/a', curve: 'cubic' }, 'm')).toThrow(/m\.curve "cubic" is not one of linear, exp, log, smoothstep/);
    expect(() => validateMapping({ signal: 'beat.phase', address: '/a', gain: 2 }, 'm')).toThrow(/m\.gain is not a mapping field/);
  });
});

describe('target validation', () => {
  const base = { id: 'td', host: '127.0.0.1', port: 7000, profile: 'touchdesigner' };

  it('fills defaults', () => {
    expect(validateOscTarget(base)).toEqual({ ...base, rateHz: 30, latencyMs: 0, enabled: true, bundles: false, resyncEveryBars: 1, mappings: [] });
  });

  it('names the bad field and its allowed range', () => {
    expect(() => validateOscTarget({ ...base, rateHz: 50 })).toThrow('osc target.rateHz must be a number from 1 to 46.875, got 50');
    expect(() => validateOscTarget({ ...base, latencyMs: -1 })).toThrow('latencyMs must be a number from 0 to 500, got -1');
    expect(() => validateOscTarget({ ...base, port: 70000 })).toThrow('port must be an integer from 1 to 65535, got 70000');
    expect(() => validateOscTarget({ ...base, profile: 'vdmx' })).toThrow('profile must be one of generic, touchdesigner, resolume, got "vdmx"');
    expect(() => validateOscTarget({ ...base, id: 'a b' })).toThrow(/id must be 1-64 characters/);
    expect(() => validateOscTarget({ ...base, bundles: 'yes' })).toThrow('bundles must be true or false, got "yes"');
    const mapping = { signal: 'features.rms', address: '/x', inMin: 0, inMax: 1, outMin: 0, outMax: 1, curve: 'linear' };
    expect(() => validateOscTarget({ ...base, mappings: [mapping] })).toThrow('mappings apply to the resolume profile only, not touchdesigner');
    // A validated target (defaults filled in: no mappings, resync every bar) validates again unchanged.
    const once = validateOscTarget(base);
    expect(validateOscTarget(once)).toEqual(once);
    expect(() => validateOscTarget({ ...base, latency: 20 })).toThrow(/latency is not a target field/);
    expect(() => validateOscTarget({ ...base, profile: 'resolume', resyncEveryBars: 0 })).toThrow('resyncEveryBars must be an integer from 1 to 64, got 0');
    expect(() => validateOscTargets([base, base])).toThrow('osc target id "td" is used twice');
  });
});
