import { describe, expect, it } from 'vitest';
import { SectionHysteresis } from '../../src/core/clock/section-hysteresis.js';

describe('SectionHysteresis', () => {
  it('takes the first section at once and keeps it while none is reported', () => {
    const h = new SectionHysteresis(1.5);
    expect(h.update(undefined, 0)).toBeNull();
    expect(h.update('verse', 0.1)).toBe('verse');
    expect(h.update(undefined, 10)).toBe('verse');
  });

  it('ignores a classifier that flickers near a boundary', () => {
    const h = new SectionHysteresis(1.5);
    h.update('verse', 0);
    for (let i = 1; i <= 200; i++) {
      const t = i * 0.02;
      expect(h.update(i % 10 < 4 ? 'chorus' : 'verse', t)).toBe('verse');
    }
  });

  it('switches once a new section has held for the hold time', () => {
    const h = new SectionHysteresis(1.5);
    h.update('verse', 0);
    let switchedAt: number | null = null;
    for (let i = 1; i <= 200; i++) {
      const t = 2 + i * 0.02;
      if (h.update('chorus', t) === 'chorus' && switchedAt === null) switchedAt = t;
    }
    expect(switchedAt).not.toBeNull();
    expect((switchedAt ?? 0) - 2.02).toBeCloseTo(1.5, 6);
  });

  it('names a bad hold time', () => {
    expect(() => new SectionHysteresis(-1)).toThrow(/section hold must be >= 0 seconds, got -1/);
  });
});
