/**
 * One time step of each recurrent cell, with PyTorch's gate layouts: weight_ih [gates·hidden, input],
 * weight_hh [gates·hidden, hidden]; LSTM gates i, f, g, o; GRU gates r, z, n.
 */
import { add, lstmCell as lstmFromGates, mul, narrow, relu, sigmoid, sub, tanh } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";
import { linear } from "./layers.js";

/** The recurrence: Elman RNN with tanh or ReLU, LSTM or GRU (PyTorch's mode names). */
export type RnnMode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";

/** A cell's state: h, plus the cell state c for an LSTM. */
export interface CellState {
  h: Tensor;
  c?: Tensor;
}

/** The weights of one cell (one layer and direction of a sequence layer); biases null when bias = false. */
export interface CellWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
}

/** How many gate blocks of `hidden` rows the weights stack: 1, 4 (LSTM) or 3 (GRU). */
export function gateCount(mode: RnnMode): number {
  return mode === "LSTM" ? 4 : mode === "GRU" ? 3 : 1;
}

/** Gate k of a [N, gates·hidden] pre-activation. */
function gate(x: Tensor, k: number, hidden: number): Tensor {
  return narrow(x, -1, k * hidden, hidden);
}

/**
 * One step from its two projections: gi = x·W_ihᵀ + b_ih and gh = h·W_hhᵀ + b_hh (a sequence layer
 * computes gi for every time step in one product, and may move b_hh into it where the cell only
 * adds the two). An LSTM's gates go through the fused lstmCell op; GRU and Elman cells stay
 * composed of elementwise ops.
 */
export function cellStep(mode: RnnMode, gi: Tensor, gh: Tensor, state: CellState): CellState {
  const hidden = state.h.shape[1];
  switch (mode) {
    case "RNN_TANH":
      return { h: tanh(add(gi, gh)) };
    case "RNN_RELU":
      return { h: relu(add(gi, gh)) };
    case "LSTM":
      if (!state.c) throw new TypeError("LSTM cell: the state needs a cell state c beside h");
      return lstmFromGates(add(gi, gh), state.c);
    case "GRU": {
      const r = sigmoid(add(gate(gi, 0, hidden), gate(gh, 0, hidden)));
      const z = sigmoid(add(gate(gi, 1, hidden), gate(gh, 1, hidden)));
      // the reset gate scales the hidden projection including its bias (b_hn), as PyTorch/cuDNN
      const n = tanh(add(gate(gi, 2, hidden), mul(r, gate(gh, 2, hidden))));
      return { h: add(n, mul(z, sub(state.h, n))) }; // (1 − z)·n + z·h
    }
  }
}

/** Check a cell's input [N, inputSize] and state [N, hidden] against its weights. */
export function checkCellShapes(op: string, x: Tensor, state: CellState, w: CellWeights): void {
  const [rows, inputSize] = w.weightIh.shape;
  const hidden = w.weightHh.shape[1];
  if (x.ndim !== 2 || x.shape[1] !== inputSize) {
    throw new ShapeError(`${op}: input must be [batch, inputSize = ${inputSize}], got ${fmtShape(x.shape)}`);
  }
  for (const [name, t] of Object.entries(state)) {
    if (t && (t.ndim !== 2 || t.shape[0] !== x.shape[0] || t.shape[1] !== hidden)) {
      throw new ShapeError(`${op}: ${name} must be [batch = ${x.shape[0]}, hiddenSize = ${hidden}], got ${fmtShape(t.shape)}`);
    }
  }
  if (w.weightHh.shape[0] !== rows) throw new ShapeError(`${op}: weight_hh ${fmtShape(w.weightHh.shape)} and weight_ih ${fmtShape(w.weightIh.shape)} must have the same number of rows`);
}

/** One step of any cell from its raw input x [N, inputSize]. */
export function cellForward(op: string, mode: RnnMode, x: Tensor, state: CellState, w: CellWeights): CellState {
  checkCellShapes(op, x, state, w);
  return cellStep(mode, linear(x, w.weightIh, w.biasIh), linear(state.h, w.weightHh, w.biasHh), state);
}

/** h′ = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (torch's RNNCell with tanh). */
export function rnnTanhCell(x: Tensor, h: Tensor, w: CellWeights): Tensor {
  return cellForward("rnnTanhCell", "RNN_TANH", x, { h }, w).h;
}

/** h′ = relu(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (torch's RNNCell with relu). */
export function rnnReluCell(x: Tensor, h: Tensor, w: CellWeights): Tensor {
  return cellForward("rnnReluCell", "RNN_RELU", x, { h }, w).h;
}

/** One LSTM step: gates i, f, g, o; c′ = σ(f)·c + σ(i)·tanh(g), h′ = σ(o)·tanh(c′). */
export function lstmCell(x: Tensor, state: { h: Tensor; c: Tensor }, w: CellWeights): { h: Tensor; c: Tensor } {
  const { h, c } = cellForward("lstmCell", "LSTM", x, state, w);
  return { h, c: c! };
}

/** One GRU step: r, z gates; n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn)); h′ = (1 − z)·n + z·h. */
export function gruCell(x: Tensor, h: Tensor, w: CellWeights): Tensor {
  return cellForward("gruCell", "GRU", x, { h }, w).h;
}
