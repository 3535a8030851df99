import { describe, expect, it } from 'vitest';
import type { OscMessage } from '../../src/outputs/osc/osc-message.js';
import { predictBeat } from '../../src/outputs/osc/profile.js';
import { genericProfile } from '../../src/outputs/osc/profile-generic.js';
import { resolumeProfile, resolumeTempo } from '../../src/outputs/osc/profile-resolume.js';
import { touchDesignerProfile } from '../../src/outputs/osc/profile-touchdesigner.js';
import { beatState, slowState } from './helpers.js';

const structure = { section: 'chorus', section_probs: [0, 0, 0.1, 0, 0.7, 0.1, 0.1, 0], hazard: [0.1, 0.2, 0.3, 0.6, 0.9], boundary_in: 8 };
const find = (msgs: OscMessage[], address: string): OscMessage | undefined => msgs.find((m) => m.address === address);
const types = (m: OscMessage | undefined): string => (m ? m.args.map((a) => a.type).join('') : 'missing');

describe('predictBeat', () => {
  it('gives the next beat, its bar position and wall time from phase and spb', () => {
    const b = predictBeat(beatState({ phase: 0.25, beat_in_bar: 4, beat_count: 19, bar_count: 4 }), 1000, 1);
    expect(b).toMatchObject({ beatCount: 20, beatInBar: 1, barCount: 5, downbeat: true });
    expect(b.at).toBeCloseTo(1000 + 0.75 * 500, 9);
    const later = predictBeat(beatState({ phase: 0.25, beat_in_bar: 4, beat_count: 19, bar_count: 4 }), 1000, 6);
    expect(later).toMatchObject({ beatCount: 25, beatInBar: 2, barCount: 6, downbeat: false });
  });
});

describe('generic profile', () => {
  it('sends typed continuous values and only the blocks that exist', () => {
    const msgs = genericProfile.continuous(slowState());
    expect(types(find(msgs, '/fs/phase'))).toBe('f');
    expect(find(msgs, '/fs/bpm')?.args[0]?.value).toBe(120);
    expect(find(msgs, '/fs/features/band_5')?.args[0]?.value).toBe(6);
    expect(find(msgs, '/fs/features/rms')?.args[0]?.value).toBe(0.25);
    expect(find(msgs, '/fs/hazard')).toBeUndefined();
    expect(msgs.some((m) => m.address.startsWith('/fs/control') || m.address === '/fs/c')).toBe(false);
    const full = genericProfile.continuous(slowState({ structure, control: [1, 2, 3, 4, 5, 6, 7, 8, 9], c: [-0.4, 0.6] }));
    expect(types(find(full, '/fs/hazard'))).toBe('fffff');
    expect(find(full, '/fs/control/alpha')?.args[0]?.value).toBe(2);
    expect(types(find(full, '/fs/c'))).toBe('ff');
    expect(genericProfile.continuous(slowState({ beat: undefined })).some((m) => m.address === '/fs/phase')).toBe(false);
  });

  it('sends beat and downbeat with int counts', () => {
    const msgs = genericProfile.beat(predictBeat(beatState({ beat_in_bar: 4, beat_count: 19, bar_count: 4 }), 0, 1));
    expect(msgs.map((m) => m.address)).toEqual(['/fs/beat', '/fs/downbeat']);
    expect(msgs[0]?.args).toEqual([{ type: 'i', value: 20 }, { type: 'i', value: 1 }, { type: 'f', value: 120 }]);
    expect(msgs[1]?.args).toEqual([{ type: 'i', value: 5 }]);
    expect(genericProfile.beat(predictBeat(beatState(), 0, 1)).map((m) => m.address)).toEqual(['/fs/beat']);
  });

  it('announces a section on change and a boundary when the standing alarm appears or moves closer', () => {
    const a = slowState({ structure });
    const first = genericProfile.changes(a, undefined);
    expect(find(first, '/fs/section')?.args).toEqual([{ type: 's', value: 'chorus' }, { type: 'f', value: 0.7 }]);
    expect(find(first, '/fs/boundary')?.args).toEqual([{ type: 'i', value: 8 }]);
    expect(genericProfile.changes(slowState({ structure }), a)).toEqual([]);
    const closer = slowState({ structure: { ...structure, boundary_in: 2 } });
    expect(genericProfile.changes(closer, a)).toEqual([{ address: '/fs/boundary', args: [{ type: 'i', value: 2 }] }]);
    const { boundary_in: _gone, ...noAlarm } = structure;
    expect(genericProfile.changes(slowState({ structure: noAlarm }), a)).toEqual([]);
    expect(genericProfile.changes(a, slowState({ structure: noAlarm }))).toEqual([{ address: '/fs/boundary', args: [{ type: 'i', value: 8 }] }]);
    expect(genericProfile.changes(slowState(), undefined)).toEqual([]);
  });
});

describe('touchdesigner profile', () => {
  it('sends one float per address and events as pulses', () => {
    const msgs = touchDesignerProfile.continuous(slowState({ structure, c: [-0.4, 0.6] }));
    for (const m of msgs) expect(types(m)).toBe('f');
    expect(find(msgs, '/fs/hazard/3')?.args[0]?.value).toBe(0.6);
    expect(find(msgs, '/fs/c/im')?.args[0]?.value).toBe(0.6);
    expect(find(msgs, '/fs/section')?.args[0]?.value).toBe(4);
    const beat = touchDesignerProfile.beat(predictBeat(beatState({ beat_in_bar: 4, beat_count: 19, bar_count: 4 }), 0, 1));
    expect(beat.filter((m) => m.pulse).map((m) => m.address)).toEqual(['/fs/beat', '/fs/downbeat']);
    expect(find(beat, '/fs/bar_count')?.args).toEqual([{ type: 'f', value: 5 }]);
    expect(touchDesignerProfile.changes(slowState({ structure }), undefined).map((m) => [m.address, m.args[0]?.value, m.pulse])).toEqual([
      ['/fs/section_change', 1, true],
      ['/fs/boundary', 8, true],
    ]);
  });
});

describe('resolume profile', () => {
  it('normalises tempo as (bpm - 20) / 480, clamped', () => {
    expect(resolumeTempo(124)).toBeCloseTo(104 / 480, 12);
    expect(resolumeTempo(10)).toBe(0);
    expect(resolumeTempo(600)).toBe(1);
    const p = resolumeProfile({ mappings: [], resyncEveryBars: 1 });
    expect(p.continuous(slowState({ beat: beatState({ bpm: 140 }) }))).toEqual([{ address: '/composition/tempocontroller/tempo', args: [{ type: 'f', value: 0.25 }] }]);
  });

  it('resyncs on downbeats every N bars', () => {
    const every2 = resolumeProfile({ mappings: [], resyncEveryBars: 2 });
    const downbeatBar5 = predictBeat(beatState({ beat_in_bar: 4, bar_count: 4 }), 0, 1);
    const downbeatBar6 = predictBeat(beatState({ beat_in_bar: 4, bar_count: 5 }), 0, 1);
    expect(every2.beat(downbeatBar5)).toEqual([]);
    expect(every2.beat(downbeatBar6)).toEqual([{ address: '/composition/tempocontroller/resync', args: [{ type: 'i', value: 1 }] }]);
    expect(every2.beat(predictBeat(beatState(), 0, 1))).toEqual([]);
  });

  it('maps signals to addresses and skips absent blocks', () => {
    const p = resolumeProfile({
      resyncEveryBars: 1,
      mappings: [
        { signal: 'features.rms', address: '/composition/layers/1/video/opacity', inMin: 0, inMax: 0.5, outMin: 0, outMax: 1, curve: 'linear' },
        { signal: 'hazard.2', address: '/x', inMin: 0, inMax: 1, outMin: 0, outMax: 1, curve: 'linear' },
      ],
    });
    const out = p.continuous(slowState());
    expect(find(out, '/composition/layers/1/video/opacity')?.args[0]?.value).toBeCloseTo(0.5, 12);
    expect(find(out, '/x')).toBeUndefined();
    expect(find(p.continuous(slowState({ structure })), '/x')?.args[0]?.value).toBeCloseTo(0.3, 12);
  });
});
