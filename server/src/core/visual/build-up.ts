/**
 * How much a section change is building: the boundary hazards (probability of a change within 1, 2, 4, 8 and
 * 16 beats) weighted so that the nearer horizons count more. A change 16 beats away barely registers; as it
 * comes within 4 and then 1 beat, the build-up climbs to its peak.
 */
export const BUILD_WEIGHTS = [1, 0.9, 0.75, 0.5, 0.3] as const;

/** Build-up in [0, 1]; 0 when there is no structure block (the anticipator has not run). */
export function buildUp(hazard: readonly number[] | undefined): number {
  if (hazard === undefined) return 0;
  let build = 0;
  BUILD_WEIGHTS.forEach((weight, i) => {
    const h = hazard[i];
    if (h !== undefined && Number.isFinite(h)) build = Math.max(build, weight * Math.min(1, Math.max(0, h)));
  });
  return build;
}
