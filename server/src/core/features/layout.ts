import type { BaseFeatureName, Contract } from '../contract/contract.js';

/**
 * Where each feature lives in one frame row (a flat Float32Array): the six base features in contract
 * order, then the six band energies, then the log-filtered spectrum the beat tracker reads.
 */
export interface FeatureLayout {
  readonly base: readonly BaseFeatureName[];
  readonly bandsOffset: number;
  readonly bandCount: number;
  readonly spectrumOffset: number;
  readonly spectrumBins: number;
  readonly rowLength: number;
  indexOf(name: BaseFeatureName): number;
}

export function featureLayout(contract: Contract, spectrumBins: number): FeatureLayout {
  const base = contract.features.base;
  const bandCount = contract.features.band_edges_hz.length - 1;
  const bandsOffset = base.length;
  const spectrumOffset = bandsOffset + bandCount;
  return {
    base,
    bandsOffset,
    bandCount,
    spectrumOffset,
    spectrumBins,
    rowLength: spectrumOffset + spectrumBins,
    indexOf: (name) => base.indexOf(name),
  };
}
