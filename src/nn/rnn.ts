/** Sequence layers RNN, LSTM and GRU: multi-layer, bidirectional, batch-first, PyTorch's weights. */
import type { Tensor } from "../tensor/index.js";
import { gateCount, type RnnMode } from "./functional/rnn-cells.js";
import { rnnSequence, type RnnSequenceResult } from "./functional/rnn.js";
import { Module } from "./module.js";
import { pyBool, pyFloat } from "./repr.js";
import { addCellParameters, cellParameters, checkSizes } from "./rnn-weights.js";

export interface RNNBaseOptions {
  /** Stacked recurrent layers, each reading the previous one's output. Default 1. */
  numLayers?: number;
  /** Learn biases b_ih and b_hh. Default true. */
  bias?: boolean;
  /** Input and output are [batch, seq, features] rather than [seq, batch, features]. Default false. */
  batchFirst?: boolean;
  /** Dropout probability on each layer's output except the last, in training mode. Default 0. */
  dropout?: number;
  /** Add a second direction reading the sequence backwards; outputs are concatenated. Default false. */
  bidirectional?: boolean;
}

export interface RNNOptions extends RNNBaseOptions {
  nonlinearity?: "tanh" | "relu";
}

/** Initial states for forwardWithState: h0 (and c0 for an LSTM), [numLayers·numDirections, batch, hidden]. */
export interface RecurrentState {
  h?: Tensor | null;
  c?: Tensor | null;
}

export interface ForwardWithStateOptions {
  /** Valid length of each sequence of the batch (int32 [N] or numbers): a padded, variable-length batch. */
  lengths?: Tensor | readonly number[] | null;
}

/**
 * The machinery shared by RNN, LSTM and GRU. Parameters are named as PyTorch's
 * (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, …, with _reverse for the backward direction).
 */
export abstract class RNNBase extends Module {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;

  constructor(readonly mode: RnnMode, readonly inputSize: number, readonly hiddenSize: number, options: RNNBaseOptions = {}) {
    super();
    const op = this.constructor.name;
    checkSizes(op, inputSize, hiddenSize);
    const { numLayers = 1, bias = true, batchFirst = false, dropout = 0, bidirectional = false } = options;
    if (!Number.isInteger(numLayers) || numLayers < 1) throw new RangeError(`${op}: numLayers must be a positive integer, got ${numLayers}`);
    if (!(dropout >= 0 && dropout <= 1)) throw new RangeError(`${op}: dropout must be a probability in [0, 1], got ${dropout}`);
    this.numLayers = numLayers;
    this.bias = bias;
    this.batchFirst = batchFirst;
    this.dropout = dropout;
    this.bidirectional = bidirectional;
    const dirs = bidirectional ? 2 : 1;
    for (let layer = 0; layer < numLayers; layer++) {
      for (let d = 0; d < dirs; d++) {
        const layerInput = layer === 0 ? inputSize : hiddenSize * dirs;
        addCellParameters(this, this.#suffix(layer, d), gateCount(mode), layerInput, hiddenSize, bias);
      }
    }
  }

  #suffix(layer: number, direction: number): string {
    return `_l${layer}${direction === 1 ? "_reverse" : ""}`;
  }

  /** Run the sequence: the output, and the final h (and c) of every layer and direction. */
  forwardWithState(x: Tensor, state: RecurrentState = {}, { lengths = null }: ForwardWithStateOptions = {}): RnnSequenceResult {
    const dirs = this.bidirectional ? 2 : 1;
    const weights = Array.from({ length: this.numLayers * dirs }, (_, i) => cellParameters(this, this.#suffix(Math.floor(i / dirs), i % dirs)));
    return rnnSequence(this.mode, x, weights, {
      numLayers: this.numLayers,
      bidirectional: this.bidirectional,
      batchFirst: this.batchFirst,
      dropout: this.dropout,
      training: this.training,
      h0: state.h ?? null,
      c0: state.c ?? null,
      lengths,
    });
  }

  override extraRepr(): string {
    const parts = [`${this.inputSize}, ${this.hiddenSize}`];
    if (this.numLayers !== 1) parts.push(`num_layers=${this.numLayers}`);
    if (!this.bias) parts.push(`bias=${pyBool(false)}`);
    if (this.batchFirst) parts.push(`batch_first=${pyBool(true)}`);
    if (this.dropout !== 0) parts.push(`dropout=${pyFloat(this.dropout)}`);
    if (this.bidirectional) parts.push(`bidirectional=${pyBool(true)}`);
    return parts.join(", ");
  }
}

/** Elman RNN: h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh) (or ReLU), as torch.nn.RNN. */
export class RNN extends RNNBase {
  readonly nonlinearity: "tanh" | "relu";

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    const { nonlinearity = "tanh" } = options;
    if (nonlinearity !== "tanh" && nonlinearity !== "relu") throw new TypeError(`RNN: nonlinearity must be "tanh" or "relu", got ${JSON.stringify(nonlinearity)}`);
    super(nonlinearity === "tanh" ? "RNN_TANH" : "RNN_RELU", inputSize, hiddenSize, options);
    this.nonlinearity = nonlinearity;
  }

  /** The output sequence; h0 [numLayers·numDirections, batch, hidden] defaults to zeros. */
  forward(x: Tensor, h0?: Tensor): Tensor {
    return this.forwardWithState(x, { h: h0 }).output;
  }

  override extraRepr(): string {
    return this.nonlinearity === "relu" ? `${super.extraRepr()}, nonlinearity=relu` : super.extraRepr();
  }
}

/** Long short-term memory (Hochreiter & Schmidhuber), gates i, f, g, o as torch.nn.LSTM. */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNBaseOptions = {}) {
    super("LSTM", inputSize, hiddenSize, options);
  }

  /** The output sequence; h0 and c0 [numLayers·numDirections, batch, hidden] default to zeros. */
  forward(x: Tensor, h0?: Tensor, c0?: Tensor): Tensor {
    return this.forwardWithState(x, { h: h0, c: c0 }).output;
  }
}

/** Gated recurrent unit (Cho et al.), gates r, z, n as torch.nn.GRU. */
export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNBaseOptions = {}) {
    super("GRU", inputSize, hiddenSize, options);
  }

  /** The output sequence; h0 [numLayers·numDirections, batch, hidden] defaults to zeros. */
  forward(x: Tensor, h0?: Tensor): Tensor {
    return this.forwardWithState(x, { h: h0 }).output;
  }
}
