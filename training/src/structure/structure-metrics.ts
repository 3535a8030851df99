/**
 * Scores for the anticipator: section accuracy, and per hazard horizon the ROC AUC (how well the probabilities
 * rank hops with a boundary ahead above hops without) and the Brier score (mean squared error of the probability).
 */

function assertSameLength(what: string, a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`${what}: ${a.length} predictions for ${b.length} labels; expected one per hop`);
  if (a.length === 0) throw new Error(`${what}: no hops to score`);
}

/** Share of hops whose predicted section index equals the label. */
export function sectionAccuracy(predicted: readonly number[], truth: readonly number[]): number {
  assertSameLength('section accuracy', predicted, truth);
  let hits = 0;
  predicted.forEach((p, i) => {
    if (p === truth[i]) hits++;
  });
  return hits / truth.length;
}

/** Index of the largest probability (the first on ties). */
export function argmax(probs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < probs.length; i++) if ((probs[i] ?? -Infinity) > (probs[best] ?? -Infinity)) best = i;
  return best;
}

function checkBinary(what: string, labels: readonly number[]): void {
  const bad = labels.find((y) => y !== 0 && y !== 1);
  if (bad !== undefined) throw new Error(`${what}: label ${bad} is invalid; expected 0 or 1`);
}

function checkProbabilities(what: string, probs: readonly number[]): void {
  const bad = probs.find((p) => !(p >= 0 && p <= 1));
  if (bad !== undefined) throw new Error(`${what}: probability ${bad} is invalid; expected a number from 0 to 1`);
}

/**
 * ROC AUC as the Mann-Whitney statistic: the chance that a random positive hop scores above a random negative one,
 * ties counting one half (average ranks). Undefined, so an error, when either class is absent.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  assertSameLength('ROC AUC', scores, labels);
  checkBinary('ROC AUC', labels);
  if (scores.some((s) => !Number.isFinite(s))) throw new Error(`ROC AUC: score ${scores.find((s) => !Number.isFinite(s))} is invalid; expected finite numbers`);
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new Error(`ROC AUC is undefined with ${positives} positive and ${negatives} negative hops; both classes are needed`);
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    // Ranks i+1..j+1 are tied: each gets their mean.
    const rank = (i + 1 + (j + 1)) / 2;
    for (let k = i; k <= j; k++) if (labels[order[k]?.[1] ?? -1] === 1) rankSum += rank;
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean of (p - y)²: 0 is perfect, 0.25 is a constant 0.5 on balanced labels. */
export function brierScore(probs: readonly number[], labels: readonly number[]): number {
  assertSameLength('Brier score', probs, labels);
  checkBinary('Brier score', labels);
  checkProbabilities('Brier score', probs);
  let sum = 0;
  probs.forEach((p, i) => {
    const d = p - (labels[i] ?? 0);
    sum += d * d;
  });
  return sum / probs.length;
}
