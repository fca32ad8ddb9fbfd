/**
 * The ONNX recurrent ops LSTM, GRU and RNN as Strata's recurrence (nn.functional.rnnSequence),
 * forward or bidirectional, one layer per node (PyTorch exports a stacked layer as one node per
 * layer). ONNX stacks the gates in another order than PyTorch/Strata; the weights are re-stacked by
 * ops (narrow + concat) on every forward, so gradients reach the imported W, R and B.
 */
import { functional } from "../../../nn/index.js";
import { concat, narrow, permute, reshape, select } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import type { Importer, ImportNode } from "./importer.js";
import { asFloatTensor, type OnnxValue } from "./values.js";

interface Recurrence {
  /** For each of Strata's gate blocks, its block in ONNX's order. */
  blockOfGate: readonly number[];
  /** The gate activations ONNX names by default, for one direction. */
  activations: readonly string[];
}

/** LSTM: Strata's i, f, g, o from ONNX's i, o, f, c. GRU: r, z, n from z, r, h. */
const LSTM: Recurrence = { blockOfGate: [0, 2, 3, 1], activations: ["Sigmoid", "Tanh", "Tanh"] };
const GRU: Recurrence = { blockOfGate: [1, 0, 2], activations: ["Sigmoid", "Tanh"] };

/** The gates·hidden rows of w (one direction's W, R, or half of B) re-stacked in Strata's gate order. */
function strataGates(w: Tensor, hidden: number, { blockOfGate }: Recurrence): Tensor {
  if (blockOfGate.length === 1) return w;
  return concat(blockOfGate.map((block) => narrow(w, 0, block * hidden, hidden)), 0);
}

/** Direction d's cell weights: W [gates·H, I], R [gates·H, H], and B [2·gates·H] split into the input and hidden biases. */
function cellWeights(w: Tensor, r: Tensor, b: Tensor | undefined, d: number, hidden: number, kind: Recurrence): functional.CellWeights {
  const rows = kind.blockOfGate.length * hidden;
  const bias = b && select(b, 0, d);
  return {
    weightIh: strataGates(select(w, 0, d), hidden, kind),
    weightHh: strataGates(select(r, 0, d), hidden, kind),
    biasIh: bias ? strataGates(narrow(bias, 0, 0, rows), hidden, kind) : null,
    biasHh: bias ? strataGates(narrow(bias, 0, rows, rows), hidden, kind) : null,
  };
}

/** The attributes every recurrent op shares: hidden_size, direction, the default activations only, no clip, the layout. */
function readRecurrent(node: ImportNode, activations: readonly string[]) {
  const a = node.attributes;
  const hidden = a.int("hidden_size", 0);
  if (hidden < 1) throw node.error("it has no hidden_size");
  const direction = a.string("direction", "forward");
  if (direction !== "forward" && direction !== "bidirectional") throw a.refuse("direction", direction, `forward and bidirectional ${node.opType}s are imported, reverse ones are not`);
  const dirs = direction === "bidirectional" ? 2 : 1;
  const given = a.strings("activations");
  const expected = dirs === 2 ? [...activations, ...activations] : activations;
  if (given.length && given.join() !== expected.join()) throw a.refuse("activations", given, `only ${expected.join(", ")} are imported`);
  a.floats("activation_alpha");
  a.floats("activation_beta");
  if (a.has("clip")) throw a.refuse("clip", a.float("clip", 0), "cell clipping is not imported");
  return { hidden, dirs, batchFirst: a.int("layout", 0) === 1 };
}

/** An importer running mode over the node's inputs X, W, R, B, sequence_lens, initial_h (, initial_c, P for an LSTM). */
function recurrent(node: ImportNode, mode: functional.RnnMode, kind: Recurrence): ReturnType<Importer> {
  const { hidden, dirs, batchFirst } = readRecurrent(node, kind.activations);
  return (inputs: readonly (OnnxValue | undefined)[]) => {
    const [x, w, r, b, sequenceLens, h0, c0, peepholes] = inputs;
    if (sequenceLens) throw node.error("its sequence_lens input is given; loadOnnx imports recurrent layers over whole sequences only");
    if (peepholes) throw node.error("its peephole weights P are given; loadOnnx imports LSTMs without peepholes");
    const B = b && asFloatTensor(b);
    const weights = Array.from({ length: dirs }, (_, d) => cellWeights(asFloatTensor(w!), asFloatTensor(r!), B, d, hidden, kind));
    // layout 1 puts the batch first in the states too; Strata's are [dirs, N, H]
    const swap01 = (t: Tensor) => (batchFirst ? permute(t, [1, 0, 2]) : t);
    const state = (s: OnnxValue | undefined) => s && swap01(asFloatTensor(s));
    const options = { bidirectional: dirs === 2, batchFirst, h0: state(h0), c0: state(c0) };
    const { output, h, c } = functional.rnnSequence(mode, asFloatTensor(x!), weights, options);
    // output [T, N, dirs·H] (or [N, T, …]) to ONNX's Y [T, dirs, N, H] (or [N, T, dirs, H])
    const split = reshape(output, [output.shape[0], output.shape[1], dirs, hidden]);
    const y = batchFirst ? split : permute(split, [0, 2, 1, 3]);
    return c ? [y, swap01(h), swap01(c)] : [y, swap01(h)];
  };
}

const lstm: Importer = (node) => {
  if (node.attributes.int("input_forget", 0) !== 0) throw node.attributes.refuse("input_forget", 1, "coupled input and forget gates are not imported");
  return recurrent(node, "LSTM", LSTM);
};

/** GRU as PyTorch computes it: the reset gate applied after the hidden projection (linear_before_reset = 1). */
const gru: Importer = (node) => {
  const beforeReset = node.attributes.int("linear_before_reset", 0);
  if (beforeReset !== 1) throw node.attributes.refuse("linear_before_reset", beforeReset, "Strata's GRU (as PyTorch's) applies the reset gate after the hidden projection, which is linear_before_reset = 1");
  return recurrent(node, "GRU", GRU);
};

/** RNN with tanh (the default) or ReLU. */
const rnn: Importer = (node) => {
  const relu = node.attributes.has("activations") && node.attributes.strings("activations").every((f) => f === "Relu");
  return recurrent(node, relu ? "RNN_RELU" : "RNN_TANH", { blockOfGate: [0], activations: [relu ? "Relu" : "Tanh"] });
};

export const recurrentImporters: Record<string, Importer> = { LSTM: lstm, GRU: gru, RNN: rnn };
