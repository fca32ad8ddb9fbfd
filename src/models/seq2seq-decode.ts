/**
 * Decoding a sequence from a step-by-step model: greedy (the most likely token at each step) and
 * beam search (the k most likely prefixes at each step). Both work on any StepDecoder, so they
 * serve Seq2Seq and hand-built scorers alike, and both run a whole batch of examples at once.
 */

/**
 * A model that extends prefixes one token at a time. Its state is opaque here; it holds one row per
 * live prefix.
 */
export interface StepDecoder<S> {
  readonly vocabSize: number;
  /**
   * Feed the last token of every row's prefix: the log-probabilities of the next token, row-major
   * [rows × vocabSize], and the state after that token.
   */
  step(tokens: Int32Array, state: S): { logProbs: ArrayLike<number>; state: S };
  /** The state whose row i is row rows[i] of this one (rows may repeat). */
  reorder(state: S, rows: Int32Array): S;
}

export interface DecodeOptions {
  /** The token fed first (start of sequence). */
  startToken: number;
  /** The token that ends a sequence; it is not included in the output. */
  endToken: number;
  /** At most this many tokens are generated per sequence, the end token included. */
  maxLength: number;
}

export interface BeamSearchOptions extends DecodeOptions {
  /** Prefixes kept per example (k). Default 5. */
  beamWidth?: number;
  /**
   * Length normalisation α: hypotheses are ranked by logProb / length^α (length counts the end
   * token). The default 0 ranks by total log-probability, which favours short outputs; α = 1
   * ranks by mean log-probability per token.
   */
  lengthPenalty?: number;
}

/** A decoded sequence with its total log-probability and its ranking score. */
export interface Hypothesis {
  /** The tokens, without the start and end tokens. */
  tokens: number[];
  logProb: number;
  score: number;
  /** Whether it ended with the end token (false: cut off at maxLength). */
  finished: boolean;
}

function checkDecodeOptions(op: string, batchSize: number, { maxLength }: DecodeOptions): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${op}: batchSize must be a positive integer, got ${batchSize}`);
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`${op}: maxLength must be a positive integer, got ${maxLength}`);
}

/**
 * For a state of batchSize rows, the sequence of most likely next tokens of each row, up to (not
 * including) the end token. Ties go to the lowest token id.
 */
export function greedyDecode<S>(decoder: StepDecoder<S>, state: S, batchSize: number, options: DecodeOptions): number[][] {
  checkDecodeOptions("greedyDecode", batchSize, options);
  const { startToken, endToken, maxLength } = options;
  const V = decoder.vocabSize;
  const out: number[][] = Array.from({ length: batchSize }, () => []);
  const done = new Array<boolean>(batchSize).fill(false);
  let tokens = new Int32Array(batchSize).fill(startToken);
  for (let t = 0; t < maxLength && done.includes(false); t++) {
    const next = decoder.step(tokens, state);
    state = next.state;
    tokens = new Int32Array(batchSize).fill(endToken);
    for (let i = 0; i < batchSize; i++) {
      if (done[i]) continue;
      let best = 0;
      for (let v = 1; v < V; v++) if (next.logProbs[i * V + v] > next.logProbs[i * V + best]) best = v;
      if (best === endToken) done[i] = true;
      else out[i].push(best);
      tokens[i] = best;
    }
  }
  return out;
}

/**
 * Whether a live prefix could still finish among the k best: with lengthPenalty 0, when one is
 * likelier than the k-th finished hypothesis. With length normalisation a longer hypothesis can
 * score higher than its prefix, so no bound holds and k finished hypotheses end the search.
 */
function mayImprove(finished: readonly Hypothesis[], live: readonly Beam[], k: number, lengthPenalty: number): boolean {
  if (lengthPenalty !== 0) return false;
  const kth = finished.map((h) => h.score).sort((x, y) => y - x)[k - 1];
  return live.some((beam) => beam.logProb > kth);
}

interface Beam {
  tokens: number[];
  logProb: number;
}

/**
 * Beam search over a state of batchSize rows (one per example). At each step every live prefix of
 * an example is extended by every token and the k best extensions are ranked by total
 * log-probability; those ending in the end token that rank among the top k become finished
 * hypotheses, the best k others stay live. An example stops once it has k finished hypotheses and,
 * when ranking by total log-probability, no live prefix is likelier than the k-th of them (a prefix
 * only loses probability as it grows, so none could then enter the top k), or at maxLength, when
 * its live prefixes are added unfinished. Returns, per example, up to k hypotheses, best score
 * first. With k = 1 this is exactly greedyDecode.
 */
export function beamSearch<S>(decoder: StepDecoder<S>, state: S, batchSize: number, options: BeamSearchOptions): Hypothesis[][] {
  checkDecodeOptions("beamSearch", batchSize, options);
  const { startToken, endToken, maxLength, beamWidth: k = 5, lengthPenalty = 0 } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`beamSearch: beamWidth must be a positive integer, got ${k}`);
  const V = decoder.vocabSize;
  const score = (logProb: number, length: number) => logProb / Math.pow(length, lengthPenalty);
  // Row b·k + j holds beam j of example b; at first only beam 0 is live, so no prefix is found twice.
  const beams: Beam[][] = Array.from({ length: batchSize }, () => Array.from({ length: k }, (_, j) => ({ tokens: [], logProb: j === 0 ? 0 : -Infinity })));
  const finished: Hypothesis[][] = Array.from({ length: batchSize }, () => []);
  const done = new Array<boolean>(batchSize).fill(false);
  state = decoder.reorder(state, Int32Array.from({ length: batchSize * k }, (_, r) => Math.floor(r / k)));
  let tokens = new Int32Array(batchSize * k).fill(startToken);
  for (let t = 0; t < maxLength && done.includes(false); t++) {
    const { logProbs, state: stepped } = decoder.step(tokens, state);
    const parents = Int32Array.from({ length: batchSize * k }, (_, r) => r);
    tokens = new Int32Array(batchSize * k).fill(endToken);
    for (let b = 0; b < batchSize; b++) {
      if (done[b]) continue;
      const candidates: { parent: number; token: number; logProb: number }[] = [];
      beams[b].forEach((beam, j) => {
        if (beam.logProb === -Infinity) return;
        for (let v = 0; v < V; v++) candidates.push({ parent: j, token: v, logProb: beam.logProb + logProbs[(b * k + j) * V + v] });
      });
      candidates.sort((x, y) => y.logProb - x.logProb); // stable: ties keep (beam, token) order
      const live: Beam[] = [];
      for (let rank = 0; rank < candidates.length && live.length < k; rank++) {
        const { parent, token, logProb } = candidates[rank];
        const prefix = beams[b][parent].tokens;
        if (token === endToken) {
          if (rank < k) finished[b].push({ tokens: prefix, logProb, score: score(logProb, prefix.length + 1), finished: true });
          continue;
        }
        parents[b * k + live.length] = b * k + parent;
        tokens[b * k + live.length] = token;
        live.push({ tokens: [...prefix, token], logProb });
      }
      while (live.length < k) live.push({ tokens: [], logProb: -Infinity });
      beams[b] = live;
      done[b] = finished[b].length >= k && !mayImprove(finished[b], live, k, lengthPenalty);
    }
    state = decoder.reorder(stepped, parents);
  }
  return finished.map((hyps, b) => {
    if (!done[b]) {
      for (const beam of beams[b]) {
        if (beam.logProb > -Infinity) hyps.push({ tokens: beam.tokens, logProb: beam.logProb, score: score(beam.logProb, beam.tokens.length), finished: false });
      }
    }
    return hyps.sort((x, y) => y.score - x.score).slice(0, k);
  });
}

/**
 * Each example's best output: greedyDecode's when beamWidth is absent, otherwise the best
 * hypothesis of beamSearch with that width.
 */
export function decodeBest<S>(decoder: StepDecoder<S>, state: S, batchSize: number, options: DecodeOptions & { beamWidth?: number; lengthPenalty?: number }): number[][] {
  const { beamWidth, lengthPenalty, ...decode } = options;
  if (beamWidth === undefined) return greedyDecode(decoder, state, batchSize, decode);
  return beamSearch(decoder, state, batchSize, { ...decode, beamWidth, lengthPenalty }).map((hyps) => hyps[0].tokens);
}
