/**
 * Truncated backpropagation through time: a long sequence is fed in consecutive chunks, the
 * recurrent state is carried from one chunk to the next (so the model sees the whole past), but it
 * is detached at each chunk boundary, so gradients flow back at most one chunk — the lectures'
 * "limit the number of unfolding steps".
 */
import { nextTurn, nn, noGrad, optim, Tensor } from "../index.js";
import { guardedStep } from "./guarded-step.js";
import type { Batch } from "./types.js";

/** A model stepped over chunks: logits [batch, time, classes] and the state to carry on. */
export interface RecurrentModel<S> {
  forwardWithState(x: Tensor, state?: S): { logits: Tensor; state: S };
  parameters(): Tensor[];
  train(mode?: boolean): unknown;
  eval(): unknown;
  training: boolean;
}

/** A recurrent state: an object of tensors, `h` shaped [layers, batch, hidden] (plus `c` for an LSTM). */
export type RecurrentStateLike = { h: Tensor };

/** The same state values cut off from the graph. */
export function detachState<S extends RecurrentStateLike>(state: S): S {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, v instanceof Tensor ? v.detach() : v])) as S;
}

function chunkLoss(logits: Tensor, y: Tensor): Tensor {
  const classes = logits.shape[logits.ndim - 1];
  return nn.functional.crossEntropy(logits.reshape([-1, classes]), y.reshape([-1]));
}

export interface TbpttEpochOptions<S> {
  model: RecurrentModel<S>;
  optimizer: optim.Optimizer;
  /** Consecutive chunks of the same streams (row b of each continues row b of the previous). */
  chunks: Iterable<Batch>;
  /** Clip the gradient's global L2 norm to this before each update. */
  clipGradNorm?: number;
  /** Called after each update with the chunk's mean loss (nats per token). */
  onChunk?: (loss: number, index: number) => void;
}

/** One pass over `chunks` with truncated BPTT; returns the mean training loss in nats per token. */
export async function trainTbpttEpoch<S extends RecurrentStateLike>(options: TbpttEpochOptions<S>): Promise<number> {
  const { model, optimizer, chunks } = options;
  model.train();
  let state: S | undefined;
  let lossSum = 0;
  let tokens = 0;
  let index = 0;
  for (const { x, y } of chunks) {
    if (state && state.h.shape[1] !== x.shape[0]) state = undefined; // a ragged batch starts afresh
    const out = model.forwardWithState(x, state);
    const value = guardedStep(chunkLoss(out.logits, y), {
      optimizer,
      model,
      clipGradNorm: options.clipGradNorm,
      where: `trainTbpttEpoch: chunk ${index + 1}`,
    });
    state = detachState(out.state);
    lossSum += value * y.size;
    tokens += y.size;
    options.onChunk?.(value, index++);
    // lets the memory of this chunk's tensors go back to the backend (see backend/turn.ts)
    await nextTurn();
  }
  return lossSum / Math.max(tokens, 1);
}

/** Mean cross-entropy (nats per token) over consecutive chunks, carrying the state, without a graph. */
export function evaluateTbptt<S extends RecurrentStateLike>(model: RecurrentModel<S>, chunks: Iterable<Batch>): number {
  const wasTraining = model.training;
  model.eval();
  let state: S | undefined;
  let lossSum = 0;
  let tokens = 0;
  try {
    noGrad(() => {
      for (const { x, y } of chunks) {
        if (state && state.h.shape[1] !== x.shape[0]) state = undefined;
        const out = model.forwardWithState(x, state);
        lossSum += chunkLoss(out.logits, y).itemSync() * y.size;
        tokens += y.size;
        state = out.state;
      }
    });
  } finally {
    model.train(wasTraining);
  }
  return lossSum / Math.max(tokens, 1);
}
