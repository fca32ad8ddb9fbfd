/**
 * Successive halving (Jamieson & Talwalkar 2016; the synchronous form of Li et al.'s ASHA): every
 * trial trains to the first rung's budget, then only the best 1/η of them train on to the next rung,
 * η times longer, and so on to the full budget. Synchronous, so that which trials go on depends on
 * their results alone, never on which worker finished first: a resumed search promotes the same ones.
 */

/**
 * The epochs each rung trains to: min·η^k for k = 0 … ⌊log_η(max/min)⌋, the last one raised to max
 * (1, 2, 4 for min 1, max 4, η 2; 1, 3, 10 for min 1, max 10, η 3: not 1, 3, 9, 10, a rung for one epoch).
 */
export function rungEpochs(minEpochs: number, maxEpochs: number, eta: number): number[] {
  if (!Number.isInteger(minEpochs) || minEpochs < 1) throw new RangeError(`rungEpochs: the minimum epochs must be a positive integer, got ${minEpochs}`);
  if (!Number.isInteger(maxEpochs) || maxEpochs < minEpochs) throw new RangeError(`rungEpochs: the maximum epochs must be an integer ≥ the minimum (${minEpochs}), got ${maxEpochs}`);
  if (!(eta >= 2)) throw new RangeError(`rungEpochs: η must be at least 2, got ${eta}`);
  // K = ⌊log_η(max/min)⌋ rungs after the first (the 1e-9 keeps 4/1 with η 2 at exactly 2)
  const steps = Math.floor(Math.log(maxEpochs / minEpochs) / Math.log(eta) + 1e-9);
  const rungs = Array.from({ length: steps + 1 }, (_, k) => Math.round(minEpochs * eta ** k));
  rungs[steps] = maxEpochs;
  return rungs;
}

/** A trial's result at a rung: null when the trial failed there. */
export interface RungScore {
  id: number;
  /** Higher is better (validation accuracy). */
  score: number | null;
  /** Lower is better (validation loss): breaks ties in score. */
  loss?: number;
}

/** How many of n trials go on to the next rung: the best ⌊n/η⌋, and at least one. */
export const keptCount = (n: number, eta: number): number => Math.max(1, Math.floor(n / eta));

/**
 * The results ordered best first: by score, then by loss, then by id, so that ties are settled the
 * same way every time; failed trials last.
 */
export function ranked(scores: readonly RungScore[]): RungScore[] {
  const key = (s: RungScore) => [s.score === null ? 1 : 0, -(s.score ?? 0), s.loss ?? Infinity, s.id];
  return [...scores].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

/** The ids of the trials that go on to the next rung: the best ⌊n/η⌋ (at least one) of those that did not fail. */
export function promoted(scores: readonly RungScore[], eta: number): number[] {
  return ranked(scores)
    .filter((s) => s.score !== null)
    .slice(0, keptCount(scores.length, eta))
    .map((s) => s.id);
}
