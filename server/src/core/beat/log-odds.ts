/** `p` with `bias` added to its log-odds (p kept inside (0.001, 0.999) first); a bias of 0 returns `p` as it is. */
export function shiftLogOdds(p: number, bias: number): number {
  if (bias === 0) return p;
  const q = Math.min(0.999, Math.max(0.001, p));
  return 1 / (1 + Math.exp(-(Math.log(q / (1 - q)) + bias)));
}
