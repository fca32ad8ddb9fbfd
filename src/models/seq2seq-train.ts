/** Training a Seq2Seq model with teacher forcing, and scoring its decoded outputs by exact match. */
import type { SeqBatch } from "../data/index.js";
import { noGrad } from "../autograd/index.js";
import * as optim from "../optim/index.js";
import type { Module } from "../nn/index.js";
import type { Tensor } from "../tensor/index.js";
import { decodeBest } from "./seq2seq-decode.js";
import type { Seq2Seq } from "./seq2seq.js";

export interface TrainSeq2SeqOptions {
  /** Optimiser steps, one batch each. */
  steps: number;
  /** Adam's initial learning rate, decayed to zero along a cosine over the steps. Default 0.005. */
  lr?: number;
  /** Clip the gradients' total L2 norm to this before each step. Default 1. */
  clipNorm?: number;
  /** Called after every step with its 0-based index and the batch's loss. */
  onStep?: (step: number, loss: number) => void;
}

/**
 * Teacher forcing: the decoder reads SOS and the true target, and learns to predict the target then
 * EOS at every position (cross-entropy, padding ignored), by Adam with gradient-norm clipping and a
 * cosine learning-rate decay (the decay is what takes the last few per cent of exact match).
 * nextBatch(step) supplies the batches. Returns the loss of every step.
 */
export function trainSeq2Seq(model: Seq2Seq, nextBatch: (step: number) => SeqBatch, options: TrainSeq2SeqOptions): number[] {
  return trainTeacherForced("trainSeq2Seq", model, (step) => {
    const b = nextBatch(step);
    return model.loss(b.source, b.sourceLengths, b.decoderInput, b.target);
  }, options);
}

/**
 * The loop of trainSeq2Seq for any model whose teacher-forced loss stepLoss(step) computes (a
 * captioner's, say): Adam, gradient-norm clipping, cosine decay, `steps` updates.
 */
export function trainTeacherForced(op: string, model: Module, stepLoss: (step: number) => Tensor, options: TrainSeq2SeqOptions): number[] {
  const { steps, lr = 0.005, clipNorm = 1, onStep } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`${op}: steps must be a non-negative integer, got ${steps}`);
  const params = model.parameters();
  const opt = new optim.Adam(params, { lr });
  const schedule = new optim.CosineAnnealingLR(opt, { tMax: Math.max(steps, 1) });
  model.train();
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = stepLoss(step);
    opt.zeroGrad();
    loss.backward();
    optim.clipGradNorm(params, clipNorm);
    opt.step();
    schedule.step();
    losses.push(loss.itemSync());
    onStep?.(step, losses[step]);
  }
  return losses;
}

export interface ExactMatchOptions {
  startToken: number;
  endToken: number;
  /** Decode by beam search with this width; greedy decoding when absent. */
  beamWidth?: number;
  /** Beam search's length normalisation α (see beamSearch). */
  lengthPenalty?: number;
  /** Longest output, end token included. Default: the longest source + 2. */
  maxLength?: number;
}

export interface ExactMatchResult {
  /** Fraction of examples whose whole decoded output equals the target. */
  accuracy: number;
  correct: number;
  total: number;
  /** The decoded tokens of each example (the best hypothesis for beam search). */
  predictions: number[][];
}

/** Decode every source of the batch (in evaluation mode, without gradients) and compare with its target. */
export function seq2seqExactMatch(model: Seq2Seq, batch: Pick<SeqBatch, "source" | "sourceLengths" | "target" | "targetLengths">, options: ExactMatchOptions): ExactMatchResult {
  const { startToken, endToken, beamWidth, lengthPenalty } = options;
  const [n, T] = batch.target.shape;
  const maxLength = options.maxLength ?? batch.source.shape[1] + 2;
  const wasTraining = model.training;
  model.eval();
  let predictions: number[][];
  try {
    const state = noGrad(() => model.encode(batch.source, batch.sourceLengths));
    predictions = decodeBest(model.stepDecoder(), state, n, { startToken, endToken, maxLength, beamWidth, lengthPenalty });
  } finally {
    model.train(wasTraining);
  }
  let correct = 0;
  predictions.forEach((tokens, i) => {
    const length = batch.targetLengths.values[i] - 1; // without EOS
    const target = batch.target.values.subarray(i * T, i * T + length);
    if (tokens.length === length && tokens.every((tok, j) => tok === target[j])) correct++;
  });
  return { accuracy: correct / n, correct, total: n, predictions };
}
