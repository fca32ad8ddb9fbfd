/**
 * Verification: deciding "same or different?" for a pair by thresholding the distance between its
 * embeddings. The threshold is chosen on validation pairs, then applied once to the test pairs.
 */

function checkPairs(who: string, distances: ArrayLike<number>, dissimilar: ArrayLike<number>): void {
  if (distances.length !== dissimilar.length || distances.length === 0) {
    throw new RangeError(`${who}: ${distances.length} distances and ${dissimilar.length} labels; give one label per pair, and at least one pair`);
  }
}

/** The fraction of pairs classified right when pairs closer than `threshold` are called similar (dissimilar: 0 similar, 1 not). */
export function verificationAccuracy(distances: ArrayLike<number>, dissimilar: ArrayLike<number>, threshold: number): number {
  checkPairs("verificationAccuracy", distances, dissimilar);
  let right = 0;
  for (let i = 0; i < distances.length; i++) if ((distances[i] >= threshold ? 1 : 0) === dissimilar[i]) right++;
  return right / distances.length;
}

/**
 * The threshold with the best accuracy on these pairs, by one sweep over the sorted distances: with
 * the k closest pairs called similar, the right calls are the similar pairs among them and the
 * dissimilar ones among the rest. The threshold returned lies halfway between the kth and k+1th distance.
 */
export function bestThreshold(distances: ArrayLike<number>, dissimilar: ArrayLike<number>): { threshold: number; accuracy: number } {
  checkPairs("bestThreshold", distances, dissimilar);
  const n = distances.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => distances[a] - distances[b]);
  let right = 0;
  for (let i = 0; i < n; i++) right += dissimilar[i];
  let best = { k: 0, right };
  for (let k = 1; k <= n; k++) {
    right += dissimilar[order[k - 1]] === 0 ? 1 : -1;
    // only between two different distances can a threshold split them
    if (right > best.right && (k === n || distances[order[k]] > distances[order[k - 1]])) best = { k, right };
  }
  const below = best.k === 0 ? distances[order[0]] - 1 : distances[order[best.k - 1]];
  const above = best.k === n ? distances[order[n - 1]] + 1 : distances[order[best.k]];
  return { threshold: (below + above) / 2, accuracy: best.right / n };
}
