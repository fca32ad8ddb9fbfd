/**
 * What the captioning models share: the contract (teacher-forced logits, a decoder start state from
 * images, a StepDecoder), the loss, training by teacher forcing, and captioning images greedily or
 * by beam search with the decoding of seq2seq-decode.
 */
import { noGrad } from "../autograd/index.js";
import * as nn from "../nn/index.js";
import { indexSelect, tensor } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { beamSearch, decodeBest, type Hypothesis, type StepDecoder } from "./seq2seq-decode.js";
import { trainTeacherForced, type TrainSeq2SeqOptions } from "./seq2seq-train.js";

/** A model that writes captions for images [N, 1, H, W]; token id 0 is padding. */
export interface Captioner<S> extends nn.Module {
  readonly vocabSize: number;
  /** Logits [N, T, vocabSize] of each next word, the decoder reading int32 input [N, T] (start token, then the caption). */
  forward(images: Tensor, input: Tensor): Tensor;
  /** The decoder's state before the start token, one row per image. */
  begin(images: Tensor): S;
  /** The decoder one token at a time, for greedyDecode and beamSearch (no gradients recorded). */
  stepDecoder(): StepDecoder<S>;
}

/** Teacher-forced batch: images with their decoder input and target [N, T] (as captionBatch makes them). */
export interface CaptionTrainingBatch {
  images: Tensor;
  input: Tensor;
  target: Tensor;
}

/** Mean cross-entropy of the next-word predictions; padding (id 0) in the target is ignored. */
export function captionLoss<S>(model: Captioner<S>, { images, input, target }: CaptionTrainingBatch): Tensor {
  const logits = model.forward(images, input);
  return nn.functional.crossEntropy(logits.reshape([-1, model.vocabSize]), target.reshape([-1]), { ignoreIndex: 0 });
}

/** Teacher forcing on nextBatch(step) by trainSeq2Seq's loop (Adam, clipping, cosine decay); the loss of every step. */
export function trainCaptioner<S>(model: Captioner<S>, nextBatch: (step: number) => CaptionTrainingBatch, options: TrainSeq2SeqOptions): number[] {
  return trainTeacherForced("trainCaptioner", model, (step) => captionLoss(model, nextBatch(step)), options);
}

export interface CaptionOptions {
  startToken: number;
  endToken: number;
  /** Most tokens generated per caption, the end token included. */
  maxLength: number;
  /** Beam search with this width (k ≥ 1); greedy decoding when absent. */
  beamWidth?: number;
  /** Images decoded at once (default 250). */
  batchSize?: number;
}

/** Runs fn on images in batches, in evaluation mode without gradients, and concatenates the results. */
function inBatches<S, R>(op: string, model: Captioner<S>, images: Tensor, batchSize: number, fn: (state: S, n: number) => R[]): R[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${op}: batchSize must be a positive integer, got ${batchSize}`);
  const wasTraining = model.training;
  model.eval();
  try {
    const out: R[] = [];
    for (let start = 0; start < images.shape[0]; start += batchSize) {
      const n = Math.min(batchSize, images.shape[0] - start);
      out.push(...fn(noGrad(() => model.begin(images.narrow(0, start, n))), n));
    }
    return out;
  } finally {
    model.train(wasTraining);
  }
}

function checkBeamWidth(op: string, beamWidth: number | undefined): void {
  if (beamWidth !== undefined && (!Number.isInteger(beamWidth) || beamWidth < 1)) throw new RangeError(`${op}: beamWidth must be a positive integer, got ${beamWidth}`);
}

/** The best caption (word ids, without start and end tokens) of each image. */
export function captionImages<S>(model: Captioner<S>, images: Tensor, options: CaptionOptions): number[][] {
  const { batchSize = 250, ...decode } = options;
  checkBeamWidth("captionImages", decode.beamWidth);
  return inBatches("captionImages", model, images, batchSize, (state, n) => decodeBest(model.stepDecoder(), state, n, decode));
}

/** The beamWidth best captions of each image with their log-probabilities, best first. */
export function captionHypotheses<S>(model: Captioner<S>, images: Tensor, options: CaptionOptions & { beamWidth: number }): Hypothesis[][] {
  const { batchSize = 250, ...decode } = options;
  checkBeamWidth("captionHypotheses", decode.beamWidth);
  return inBatches("captionHypotheses", model, images, batchSize, (state, n) => beamSearch(model.stepDecoder(), state, n, decode));
}

/** The state whose row i is row rows[i] of `state`, every tensor of it indexed along `axis` (its batch axis). */
export function reorderRows<S extends Record<string, Tensor>>(state: S, rows: Int32Array, axes: { [K in keyof S]: number }): S {
  const index = tensor(rows, [rows.length]);
  return Object.fromEntries(Object.entries(state).map(([key, t]) => [key, indexSelect(t, axes[key], index)])) as S;
}
