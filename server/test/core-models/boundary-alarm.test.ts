import { describe, expect, it } from 'vitest';
import { alarmAnnounced, alarmHorizon, alarmRight, BoundaryAlarm, checkThresholds, uniformThresholds } from '../../src/core/models/boundary-alarm.js';

const H = [1, 2, 4, 8, 16];

describe('the boundary alarm', () => {
  it('stands at the nearest horizon whose hazard reaches its own threshold', () => {
    const hazard = [0.1, 0.3, 0.55, 0.7, 0.9];
    expect(alarmHorizon(hazard, H, uniformThresholds(H))).toBe(4);
    expect(alarmHorizon(hazard, H, [0.5, 0.5, 0.6, 0.6, 0.6])).toBe(8);
    expect(alarmHorizon(hazard, H, [null, 0.3, null, null, null])).toBe(2);
    expect(alarmHorizon(hazard, H, [null, null, null, null, null])).toBeUndefined();
    expect(alarmHorizon([0.1, 0.1, 0.1, 0.1, 0.1], H, uniformThresholds(H))).toBeUndefined();
    // A threshold is reached at equality.
    expect(alarmHorizon([0, 0, 0.5, 0, 0], H, uniformThresholds(H))).toBe(4);
  });

  it('is announced when it appears or moves closer, not while it stands or recedes', () => {
    expect(alarmAnnounced(8, undefined)).toBe(8);
    expect(alarmAnnounced(4, 8)).toBe(4);
    expect(alarmAnnounced(8, 8)).toBeUndefined();
    expect(alarmAnnounced(16, 8)).toBeUndefined();
    expect(alarmAnnounced(undefined, 8)).toBeUndefined();
  });

  it('is right when the change comes within twice its horizon', () => {
    expect(alarmRight(4, 1)).toBe(true);
    expect(alarmRight(4, 8)).toBe(true);
    expect(alarmRight(4, 9)).toBe(false);
    expect(alarmRight(16, 32)).toBe(true);
    expect(alarmRight(1, 3)).toBe(false);
    expect(alarmRight(4, -1)).toBe(false);
  });

  it('stands for its hold after the hazards fall back, so a hovering hazard does not raise it again and again', () => {
    const alarm = new BoundaryAlarm(H, [null, null, null, null, 0.6], 1);
    const up = [0, 0, 0, 0, 0.7];
    const down = [0, 0, 0, 0, 0.5];
    expect(alarm.update(down, 0)).toBeUndefined();
    expect(alarm.update(up, 0.1)).toBe(16);
    expect(alarm.update(down, 0.6)).toBe(16);
    expect(alarm.update(down, 1.1)).toBe(16);
    expect(alarm.update(down, 1.2)).toBeUndefined();
    expect(alarm.update(up, 1.3)).toBe(16);
    expect(() => new BoundaryAlarm(H, uniformThresholds(H), -1)).toThrow(/alarm hold must be >= 0 seconds, got -1/);
  });

  it('refuses thresholds that do not fit the horizons, by name', () => {
    expect(() => checkThresholds([0.5, 0.5], H, 'card')).toThrow(/card: 2 alarm thresholds for 5 hazard horizons/);
    expect(() => checkThresholds([0.5, 0.5, 1, null, null], H, 'card')).toThrow(/alarm threshold 1 for the 4-beat horizon is invalid/);
    expect(checkThresholds([0.5, null, 0.7, null, 0.9], H, 'card')).toEqual([0.5, null, 0.7, null, 0.9]);
  });
});
