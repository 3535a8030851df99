import type { FeatureLayout } from '../features/layout.js';
import type { FeatureState } from './slow-state.js';

/** Reads SlowState's `features` block from a feature row. */
export function featureStateFromRow(row: Float32Array, layout: FeatureLayout): FeatureState {
  const value = (name: FeatureLayout['base'][number]): number => row[layout.indexOf(name)] ?? 0;
  return {
    rms: value('rms'),
    centroid: value('centroid'),
    flux: value('flux'),
    zcr: value('zcr'),
    onset: value('onset'),
    rolloff: value('rolloff'),
    bands: Array.from(row.subarray(layout.bandsOffset, layout.bandsOffset + layout.bandCount)),
  };
}
