/**
 * Training a MemN2N on bAbI batches (Sukhbaatar et al. 2015, §4.2): minibatches of 32, gradients
 * clipped to norm 40, the learning rate halved every 25 epochs (and, under linear start, halved
 * until the memory softmaxes return, the paper's 0.005 against 0.01); a held-out tenth of the
 * training questions decides when linear start ends (its loss stops falling) and which epoch's
 * weights are kept (the lowest validation error; the paper kept the best of 10 runs on it). Random
 * noise inserts empty memories into every training minibatch.
 */
import { noGrad } from "../autograd/index.js";
import { babiBatchRows, trimBabiBatch, withEmptyMemories, type BabiBatch } from "../data/index.js";
import * as nn from "../nn/index.js";
import { argmax } from "../ops/index.js";
import { Adam, SGD } from "../optim/index.js";
import { Generator } from "../tensor/index.js";
import { guardedStep } from "../train/guarded-step.js";
import type { MemN2N } from "./memn2n.js";

export interface TrainMemN2NOptions {
  epochs?: number;
  batchSize?: number;
  /** "sgd" (the paper's) or "adam" (default: converges in fewer epochs). */
  optimizer?: "sgd" | "adam";
  /** Default 0.01 (the paper's SGD rate; halved while linear start lasts, its 0.005). */
  lr?: number;
  /** The learning rate is halved every this many epochs (default 25). */
  annealEvery?: number;
  /** Gradient norm clip (default 40). */
  maxGradNorm?: number;
  /** Start without the memory softmaxes; re-insert them when the validation loss stops falling. */
  linearStart?: boolean;
  /**
   * Linear start for exactly this many epochs at `linearStartLr`, then `epochs` more with the
   * softmaxes back and the halving schedule restarted, as the authors' Matlab code trains (20; 30
   * jointly). Unset (default): linear start ends when the validation loss stops falling, within `epochs`.
   */
  linearStartEpochs?: number;
  /** The rate while linear start lasts (default lr / 2, the paper's 0.005 against 0.01). */
  linearStartLr?: number;
  /**
   * Draw each minibatch from questions of similar story length (default false: at random). Every
   * minibatch is cut to its longest story, so on the 20 tasks jointly, whose stories run from 2 to
   * 50 statements, this made an epoch 3.7× faster; each question's gradient is the same, but a
   * minibatch then mixes fewer tasks.
   */
  bucketByLength?: boolean;
  /** Fraction of empty memories inserted at training time (the paper's RN: 0.1; default 0). */
  randomNoise?: number;
  /** Fraction of the training questions held out for validation (default 0.1). */
  validationFraction?: number;
  /** Restore the weights of the epoch with the lowest validation error (then loss) at the end (default true; false keeps the last epoch's). */
  keepBest?: boolean;
  seed?: number;
  /** Called after every epoch. */
  onEpoch?: (report: MemN2NEpoch) => void;
}

export interface MemN2NEpoch {
  epoch: number;
  trainLoss: number;
  validationLoss: number;
  validationError: number;
  /** Whether the memory softmaxes were still removed during this epoch. */
  linear: boolean;
  /** The learning rate of this epoch. */
  lr: number;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Minibatches drawn per pool of this many, so that length buckets still vary from epoch to epoch. */
const BUCKET_POOL = 50;

/**
 * One epoch's minibatches of `rows`, shuffled; with `storyLength`, each pool of BUCKET_POOL
 * minibatches' worth of shuffled rows is sorted by story length before it is cut, and the
 * minibatches are shuffled again.
 */
export function epochMinibatches(rows: readonly number[], batchSize: number, generator: Generator, storyLength: Int32Array | null): number[][] {
  const shuffled = generator.shuffled(rows);
  const cut = (ordered: number[]) => range(Math.ceil(ordered.length / batchSize)).map((b) => ordered.slice(b * batchSize, (b + 1) * batchSize));
  if (!storyLength) return cut(shuffled);
  const pool = BUCKET_POOL * batchSize;
  const batches = range(Math.ceil(shuffled.length / pool)).flatMap((p) => cut(shuffled.slice(p * pool, (p + 1) * pool).sort((a, b) => storyLength[a] - storyLength[b])));
  return generator.shuffled(batches);
}

/** The number of statements each question of a batch holds in memory. */
function storyLengths(batch: BabiBatch): Int32Array {
  const [n, M] = batch.memoryMask.shape;
  const mask = batch.memoryMask.values;
  const lengths = new Int32Array(n);
  for (let i = 0; i < n * M; i++) lengths[Math.floor(i / M)] += mask[i];
  return lengths;
}

/** Questions evaluated at once, so that memory stays bounded: 20,000 joint test questions at d = 50 in one batch overflowed the 4 GB wasm heap. */
const EVALUATION_CHUNK = 1000;

/** Mean cross-entropy loss and error rate of the model's answers on a batch, without gradients. */
export function memn2nEvaluate(model: MemN2N, batch: BabiBatch): { loss: number; error: number } {
  const n = batch.answers.size;
  let lossSum = 0;
  let wrong = 0;
  noGrad(() => {
    for (let start = 0; start < n; start += EVALUATION_CHUNK) {
      const chunk = trimBabiBatch(babiBatchRows(batch, range(Math.min(EVALUATION_CHUNK, n - start)).map((i) => start + i)));
      const logits = model.forward(chunk.memories, chunk.queries, chunk.memoryMask);
      lossSum += nn.F.crossEntropy(logits, chunk.answers, { reduction: "sum" }).values[0];
      argmax(logits, -1).values.forEach((g, i) => (wrong += g === chunk.answers.values[i] ? 0 : 1));
    }
  });
  return { loss: lossSum / n, error: wrong / n };
}

/** Train in place on a batched training split; returns the per-epoch reports. */
export function trainMemN2N(model: MemN2N, train: BabiBatch, options: TrainMemN2NOptions = {}): MemN2NEpoch[] {
  const { epochs = 100, batchSize = 32, optimizer = "adam", lr = 0.01, annealEvery = 25, maxGradNorm = 40 } = options;
  const { linearStart = false, linearStartEpochs, linearStartLr = lr / 2, bucketByLength = false, randomNoise = 0, validationFraction = 0.1, keepBest = true, seed = 0, onEpoch } = options;
  if (linearStartEpochs !== undefined && !(Number.isInteger(linearStartEpochs) && linearStartEpochs >= 1 && linearStart)) {
    throw new RangeError(`trainMemN2N: linearStartEpochs must be a positive integer, with linearStart, got ${linearStartEpochs}${linearStart ? "" : " without linearStart"}`);
  }
  if (optimizer !== "sgd" && optimizer !== "adam") throw new TypeError(`trainMemN2N: optimizer must be "sgd" or "adam", got "${String(optimizer)}"`);
  if (!(validationFraction > 0 && validationFraction < 1)) throw new RangeError(`trainMemN2N: validationFraction must be in (0, 1), got ${validationFraction}`);
  const generator = new Generator(seed);
  const order = generator.shuffled(range(train.answers.size));
  const held = Math.max(1, Math.round(order.length * validationFraction));
  const validation = babiBatchRows(train, order.slice(0, held));
  const trainRows = order.slice(held);
  const lengths = bucketByLength ? storyLengths(train) : null;
  const opt = optimizer === "sgd" ? new SGD(model.parameters(), { lr }) : new Adam(model.parameters(), { lr });
  model.linearStart = linearStart;
  let bestValidation = Infinity;
  let best = { error: Infinity, loss: Infinity, state: model.stateDict() };
  const reports: MemN2NEpoch[] = [];
  const fixedStart = linearStartEpochs ?? 0;
  for (let epoch = 1; epoch <= epochs + fixedStart; epoch++) {
    if (fixedStart > 0) model.linearStart = epoch <= fixedStart;
    // a fixed linear start keeps its rate; the halving counts the epochs after it
    const halvings = epoch <= fixedStart ? 0 : Math.floor((epoch - fixedStart - 1) / annealEvery);
    const rate = (model.linearStart ? linearStartLr : lr) * 0.5 ** halvings;
    for (const group of opt.paramGroups) group.lr = rate;
    model.train();
    let total = 0;
    const minibatches = epochMinibatches(trainRows, batchSize, generator, lengths);
    for (const [i, rows] of minibatches.entries()) {
      let batch = babiBatchRows(train, rows);
      if (randomNoise > 0) batch = withEmptyMemories(batch, randomNoise, generator);
      batch = trimBabiBatch(batch);
      // summed over the minibatch, not averaged, as the paper's code does: its rate 0.01 and clip 40 are for the sum
      const loss = nn.F.crossEntropy(model.forward(batch.memories, batch.queries, batch.memoryMask), batch.answers, { reduction: "sum" });
      total += guardedStep(loss, { optimizer: opt, model, clipGradNorm: maxGradNorm, where: `trainMemN2N: epoch ${epoch}, minibatch ${i + 1} of ${minibatches.length}` });
    }
    model.eval();
    const linear = model.linearStart;
    const { loss: validationLoss, error: validationError } = memn2nEvaluate(model, validation);
    if (linear && fixedStart === 0 && validationLoss >= bestValidation) model.linearStart = false;
    bestValidation = Math.min(bestValidation, validationLoss);
    // a linear-start epoch's weights are not kept: the model answers with its softmaxes back in
    if (keepBest && !linear && (validationError < best.error || (validationError === best.error && validationLoss < best.loss))) {
      best = { error: validationError, loss: validationLoss, state: model.stateDict() };
    }
    const report = { epoch, trainLoss: total / trainRows.length, validationLoss, validationError, linear, lr: rate };
    reports.push(report);
    onEpoch?.(report);
  }
  model.linearStart = false;
  if (keepBest && best.error < Infinity) model.loadStateDict(best.state);
  return reports;
}
