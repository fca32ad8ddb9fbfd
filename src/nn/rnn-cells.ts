/** Single-step recurrent cells RNNCell, LSTMCell and GRUCell with PyTorch's parameters. */
import { zeros } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { cellForward, gateCount, type RnnMode } from "./functional/rnn-cells.js";
import { Module } from "./module.js";
import { pyBool } from "./repr.js";
import { addCellParameters, cellParameters, checkSizes } from "./rnn-weights.js";

export interface RNNCellBaseOptions {
  /** Learn biases b_ih and b_hh. Default true. */
  bias?: boolean;
}

export interface RNNCellOptions extends RNNCellBaseOptions {
  nonlinearity?: "tanh" | "relu";
}

/** Shared by the cells: weight_ih, weight_hh, bias_ih, bias_hh as PyTorch, U(±1/√hidden). */
abstract class CellBase extends Module {
  constructor(readonly mode: RnnMode, readonly inputSize: number, readonly hiddenSize: number, readonly bias: boolean) {
    super();
    checkSizes(this.constructor.name, inputSize, hiddenSize);
    addCellParameters(this, "", gateCount(mode), inputSize, hiddenSize, bias);
  }

  /** One step from x [batch, inputSize]; a missing state is zeros. */
  protected step(x: Tensor, h?: Tensor, c?: Tensor): { h: Tensor; c?: Tensor } {
    const zero = () => zeros([x.shape[0], this.hiddenSize], { dtype: x.dtype });
    const state = { h: h ?? zero(), ...(this.mode === "LSTM" ? { c: c ?? zero() } : {}) };
    return cellForward(this.constructor.name, this.mode, x, state, cellParameters(this, ""));
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? "" : `, bias=${pyBool(false)}`}`;
  }
}

/** h′ = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (or ReLU), as torch.nn.RNNCell. */
export class RNNCell extends CellBase {
  readonly nonlinearity: "tanh" | "relu";

  constructor(inputSize: number, hiddenSize: number, { bias = true, nonlinearity = "tanh" }: RNNCellOptions = {}) {
    if (nonlinearity !== "tanh" && nonlinearity !== "relu") throw new TypeError(`RNNCell: nonlinearity must be "tanh" or "relu", got ${JSON.stringify(nonlinearity)}`);
    super(nonlinearity === "tanh" ? "RNN_TANH" : "RNN_RELU", inputSize, hiddenSize, bias);
    this.nonlinearity = nonlinearity;
  }

  /** The next hidden state [batch, hidden]; h defaults to zeros. */
  forward(x: Tensor, h?: Tensor): Tensor {
    return this.step(x, h).h;
  }

  override extraRepr(): string {
    return this.nonlinearity === "relu" ? `${super.extraRepr()}, nonlinearity=relu` : super.extraRepr();
  }
}

/** One LSTM step, as torch.nn.LSTMCell (gates i, f, g, o). */
export class LSTMCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, { bias = true }: RNNCellBaseOptions = {}) {
    super("LSTM", inputSize, hiddenSize, bias);
  }

  /** The next h and c [batch, hidden]; missing states are zeros. */
  forwardWithState(x: Tensor, state: { h?: Tensor; c?: Tensor } = {}): { h: Tensor; c: Tensor } {
    const { h, c } = this.step(x, state.h, state.c);
    return { h, c: c! };
  }

  /** The next hidden state h′ only (use forwardWithState for c′ too). */
  forward(x: Tensor, h?: Tensor, c?: Tensor): Tensor {
    return this.step(x, h, c).h;
  }
}

/** One GRU step, as torch.nn.GRUCell (gates r, z, n). */
export class GRUCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, { bias = true }: RNNCellBaseOptions = {}) {
    super("GRU", inputSize, hiddenSize, bias);
  }

  /** The next hidden state [batch, hidden]; h defaults to zeros. */
  forward(x: Tensor, h?: Tensor): Tensor {
    return this.step(x, h).h;
  }
}
