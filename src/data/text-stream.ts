/** Token streams for language models: contiguous splits, truncated-BPTT batches, a unigram baseline. */
import { Tensor } from "../tensor/index.js";

/**
 * Cuts a token stream into contiguous parts of the given fractions (summing to 1), in order —
 * e.g. [0.8, 0.1, 0.1] for train/validation/test. Part i ends at floor(n · (f0 + … + fi)), so
 * the parts cover the stream exactly. Unlike randomSplit, text order is kept, as a language model
 * needs. The parts are views sharing the stream's storage.
 */
export function splitTokens(tokens: Int32Array, fractions: readonly number[]): Int32Array[] {
  const sum = fractions.reduce((a, b) => a + b, 0);
  if (fractions.length === 0 || fractions.some((f) => !(f >= 0)) || Math.abs(sum - 1) > 1e-9) {
    throw new RangeError(`splitTokens: fractions [${fractions.join(", ")}] must be non-negative and sum to 1 (they sum to ${sum})`);
  }
  const parts: Int32Array[] = [];
  let start = 0;
  let cumulative = 0;
  fractions.forEach((f, i) => {
    cumulative += f;
    const end = i === fractions.length - 1 ? tokens.length : Math.floor(tokens.length * cumulative);
    parts.push(tokens.subarray(start, end));
    start = end;
  });
  return parts;
}

/** One truncated-BPTT batch: inputs and next-token targets, int32 [batchSize, length]. */
export interface BpttBatch {
  x: Tensor;
  y: Tensor;
}

/**
 * Batches a long token stream for truncated backpropagation through time, the standard
 * language-model layout: the stream is cut into `batchSize` contiguous streams of
 * floor(n / batchSize) tokens (the remainder is dropped), row b of every batch continues stream b
 * where the previous batch stopped (so a hidden state can be carried across batches), and
 * y[b, t] = x[b, t + 1] in the stream, i.e. y is x shifted by one token. Every batch has
 * `seqLen` columns except possibly the last, which has what is left (at least 1).
 */
export function* bpttBatches(tokens: Int32Array, batchSize: number, seqLen: number): Generator<BpttBatch> {
  for (const [name, v] of [["batchSize", batchSize], ["seqLen", seqLen]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`bpttBatches: ${name} must be a positive integer, got ${v}`);
  }
  const streamLen = Math.floor(tokens.length / batchSize);
  if (streamLen < 2) {
    throw new RangeError(`bpttBatches: ${tokens.length} tokens give streams of ${streamLen} for batchSize ${batchSize}; each stream needs at least 2 tokens (an input and its target)`);
  }
  for (let t = 0; t < streamLen - 1; t += seqLen) {
    const len = Math.min(seqLen, streamLen - 1 - t);
    const x = new Int32Array(batchSize * len);
    const y = new Int32Array(batchSize * len);
    for (let b = 0; b < batchSize; b++) {
      const start = b * streamLen + t;
      x.set(tokens.subarray(start, start + len), b * len);
      y.set(tokens.subarray(start + 1, start + 1 + len), b * len);
    }
    yield { x: new Tensor(x, [batchSize, len]), y: new Tensor(y, [batchSize, len]) };
  }
}

/** Cross-entropy of a model on held-out tokens, in the three usual units. */
export interface CrossEntropyReport {
  /** Mean −ln p per token. */
  nats: number;
  /** Mean −log2 p per token (bits per character for a character model). */
  bits: number;
  /** exp(nats). */
  perplexity: number;
}

/** A CrossEntropyReport from a mean negative log-likelihood in nats. */
export function crossEntropyReport(nats: number): CrossEntropyReport {
  return { nats, bits: nats / Math.LN2, perplexity: Math.exp(nats) };
}

/**
 * The unigram baseline of a language model: token frequencies counted on `train` (with add-k
 * smoothing over `vocabSize` ids, k = 1 by default, so a token unseen in training is not
 * infinitely surprising), scored on `heldOut`. A sequence model worth its name must beat it.
 */
export function unigramBaseline(train: Int32Array, heldOut: Int32Array, vocabSize: number, k = 1): CrossEntropyReport {
  if (heldOut.length === 0) throw new RangeError("unigramBaseline: the held-out stream is empty");
  if (!(k > 0)) throw new RangeError(`unigramBaseline: k must be positive, got ${k}`);
  const counts = new Float64Array(vocabSize);
  for (const id of train) counts[checkId(id, vocabSize)] += 1;
  const denominator = train.length + k * vocabSize;
  let nll = 0;
  for (const id of heldOut) nll -= Math.log((counts[checkId(id, vocabSize)] + k) / denominator);
  return crossEntropyReport(nll / heldOut.length);
}

function checkId(id: number, vocabSize: number): number {
  if (!(id >= 0 && id < vocabSize)) throw new RangeError(`unigramBaseline: token id ${id} is outside 0..${vocabSize - 1}`);
  return id;
}
