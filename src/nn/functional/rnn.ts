/**
 * The multi-layer, optionally bidirectional recurrence behind RNN, LSTM and GRU: each layer
 * projects the whole sequence's input in one product, then runs the cell step by step.
 */
import { add, concat, recurrentMatmul, reshape, select, stack, tensor, transpose, unbind, where, zeros } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";
import { dropout as dropoutFn, linear } from "./layers.js";
import { cellStep, type CellState, type CellWeights, type RnnMode } from "./rnn-cells.js";

export interface RnnSequenceOptions {
  /** Stacked layers; weights holds numLayers·numDirections cells, layer by layer, forward direction first. */
  numLayers?: number;
  bidirectional?: boolean;
  /** Input and output are [N, T, features] instead of [T, N, features]. */
  batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last (applied only when training). */
  dropout?: number;
  training?: boolean;
  /** Initial states [numLayers·numDirections, N, hidden]; zeros when absent. */
  h0?: Tensor | null;
  c0?: Tensor | null;
  /**
   * Valid length of each sequence (int32 [N] or numbers, 1…T): later positions give zero output and
   * leave that sequence's state untouched, as PyTorch's packed sequences.
   */
  lengths?: Tensor | readonly number[] | null;
}

/** The output sequence and the final states [numLayers·numDirections, N, hidden] (c for an LSTM). */
export interface RnnSequenceResult {
  output: Tensor;
  h: Tensor;
  c?: Tensor;
}

function checkLengths(op: string, lengths: Tensor | readonly number[], batch: number, steps: number): number[] {
  const list = Array.from(Array.isArray(lengths) ? lengths : (lengths as Tensor).values);
  if (list.length !== batch) throw new ShapeError(`${op}: lengths has ${list.length} entries but the batch has ${batch} sequences`);
  const bad = list.find((n) => !Number.isInteger(n) || n < 1 || n > steps);
  if (bad !== undefined) throw new RangeError(`${op}: every length must be an integer in 1…${steps} (the sequence length), got ${bad}`);
  return list;
}

function checkState(op: string, name: string, t: Tensor, expected: readonly number[]): void {
  if (t.ndim !== 3 || t.shape.some((d, i) => d !== expected[i])) {
    throw new ShapeError(`${op}: ${name} must be [numLayers·numDirections, batch, hiddenSize] = ${fmtShape(expected)}, got ${fmtShape(t.shape)}`);
  }
}

/** a + b where either may be absent (null when both are). */
function sumOfBiases(a: Tensor | null, b: Tensor | null): Tensor | null {
  return a && b ? add(a, b) : a ?? b;
}

/**
 * Run one direction of one layer over x [T, N, inputSize]: the time-ordered outputs and the final state.
 * masks[t] ([N, 1], 1 where step t is inside the sequence) freezes finished sequences.
 */
function runDirection(mode: RnnMode, x: Tensor, w: CellWeights, start: CellState, reverse: boolean, masks: Tensor[] | null): { outputs: Tensor[]; state: CellState } {
  const [steps, batch, inputSize] = x.shape;
  // LSTM and Elman cells add b_hh to the same sum as b_ih, so it can join the one projection of the
  // whole sequence; a GRU scales b_hn by its reset gate, so there it stays in the step.
  const foldHiddenBias = mode !== "GRU";
  const bias = foldHiddenBias ? sumOfBiases(w.biasIh, w.biasHh) : w.biasIh;
  const biasHh = foldHiddenBias ? null : w.biasHh;
  // one product of [T·N, inputSize] rather than T of [N, inputSize] (and one weight gradient, not T summed)
  const projected = reshape(linear(reshape(x, [steps * batch, inputSize]), w.weightIh, bias), [steps, batch, w.weightIh.shape[0]]);
  // unbind's backward gathers every step's gradient in one copy (T select() calls would cost O(T²))
  const stepInputs = unbind(projected, 0);
  // likewise W_hh's gradient is one product over all steps
  const hiddenProduct = recurrentMatmul(w.weightHh);
  const outputs: Tensor[] = new Array(steps);
  let state = start;
  for (let k = 0; k < steps; k++) {
    const t = reverse ? steps - 1 - k : k;
    const gh = hiddenProduct(state.h);
    const next = cellStep(mode, stepInputs[t], biasHh ? add(gh, biasHh) : gh, state);
    if (masks) {
      const m = masks[t];
      outputs[t] = where(m, next.h, 0);
      state = { h: where(m, next.h, state.h), ...(next.c && state.c ? { c: where(m, next.c, state.c) } : {}) };
    } else {
      outputs[t] = next.h;
      state = next;
    }
  }
  return { outputs, state };
}

/**
 * The full recurrence (torch's _VF.rnn_tanh / lstm / gru): x is [T, N, inputSize] ([N, T, inputSize]
 * with batchFirst); the output is [T, N, numDirections·hidden] (or batch first), concatenating the
 * forward and reverse directions' hidden states.
 */
export function rnnSequence(mode: RnnMode, x: Tensor, weights: readonly CellWeights[], options: RnnSequenceOptions = {}): RnnSequenceResult {
  const op = mode === "LSTM" ? "LSTM" : mode === "GRU" ? "GRU" : "RNN";
  const { numLayers = 1, bidirectional = false, batchFirst = false, dropout = 0, training = false, h0 = null, c0 = null, lengths = null } = options;
  const dirs = bidirectional ? 2 : 1;
  if (weights.length !== numLayers * dirs) throw new RangeError(`${op}: expected ${numLayers * dirs} cells of weights (numLayers·numDirections), got ${weights.length}`);
  const inputSize = weights[0].weightIh.shape[1];
  const hidden = weights[0].weightHh.shape[1];
  if (x.ndim !== 3 || x.shape[2] !== inputSize) {
    const layout = batchFirst ? "[batch, seq, inputSize]" : "[seq, batch, inputSize]";
    throw new ShapeError(`${op}: input must be ${layout} with inputSize = ${inputSize}, got ${fmtShape(x.shape)}`);
  }
  if (x.shape[batchFirst ? 1 : 0] === 0) {
    throw new ShapeError(`${op}: the input sequence is empty (shape ${fmtShape(x.shape)}, ${batchFirst ? "batch-first " : ""}seq length 0); a recurrent layer needs at least one step`);
  }
  let layerInput = batchFirst ? transpose(x, 0, 1) : x;
  const [steps, batch] = layerInput.shape;
  const stateShape = [numLayers * dirs, batch, hidden];
  if (h0) checkState(op, "h0", h0, stateShape);
  if (c0) checkState(op, "c0", c0, stateShape);
  const zero = zeros([batch, hidden], { dtype: x.dtype });
  const valid = lengths === null ? null : checkLengths(op, lengths, batch, steps);
  const stepMasks = valid && Array.from({ length: steps }, (_, t) => tensor(Int32Array.from(valid, (n) => (t < n ? 1 : 0)), [batch, 1]));
  const finalH: Tensor[] = [];
  const finalC: Tensor[] = [];
  for (let layer = 0; layer < numLayers; layer++) {
    const outs: Tensor[] = [];
    for (let d = 0; d < dirs; d++) {
      const idx = layer * dirs + d;
      const start: CellState = { h: h0 ? select(h0, 0, idx) : zero };
      if (mode === "LSTM") start.c = c0 ? select(c0, 0, idx) : zero;
      const { outputs, state } = runDirection(mode, layerInput, weights[idx], start, d === 1, stepMasks);
      outs.push(stack(outputs, 0));
      finalH.push(state.h);
      if (state.c) finalC.push(state.c);
    }
    layerInput = dirs === 1 ? outs[0] : concat(outs, 2);
    if (layer < numLayers - 1 && training && dropout > 0) layerInput = dropoutFn(layerInput, dropout, true);
  }
  const output = batchFirst ? transpose(layerInput, 0, 1) : layerInput;
  return { output, h: stack(finalH, 0), ...(mode === "LSTM" ? { c: stack(finalC, 0) } : {}) };
}
