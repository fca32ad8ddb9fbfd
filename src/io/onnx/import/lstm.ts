/**
 * The ONNX LSTM op as Strata's recurrence (nn.functional.rnnSequence), forward or bidirectional, one
 * layer per node (PyTorch exports a stacked LSTM as one node per layer). ONNX stacks the gates
 * i, o, f, c and PyTorch/Strata i, f, g, o; the weights are re-ordered by ops (narrow + concat) on
 * every forward, so gradients reach the imported W, R and B.
 */
import { functional } from "../../../nn/index.js";
import { concat, narrow, permute, reshape, select } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import type { Importer } from "./importer.js";
import { asFloatTensor, type OnnxValue } from "./values.js";

/** For each of Strata's gates i, f, g, o: its block in ONNX's order i, o, f, c. */
const ONNX_BLOCK_OF_GATE = [0, 2, 3, 1];

/** The 4·hidden rows of w (one direction's W, R, or half of B) re-stacked in Strata's gate order. */
function strataGates(w: Tensor, hidden: number): Tensor {
  return concat(ONNX_BLOCK_OF_GATE.map((block) => narrow(w, 0, block * hidden, hidden)), 0);
}

/** One direction's cell weights: W [4H, I], R [4H, H], and B [8H] split into the input and hidden biases. */
function cellWeights(w: Tensor, r: Tensor, b: Tensor | undefined, d: number, hidden: number): functional.CellWeights {
  const bias = b && select(b, 0, d);
  return {
    weightIh: strataGates(select(w, 0, d), hidden),
    weightHh: strataGates(select(r, 0, d), hidden),
    biasIh: bias ? strataGates(narrow(bias, 0, 0, 4 * hidden), hidden) : null,
    biasHh: bias ? strataGates(narrow(bias, 0, 4 * hidden, 4 * hidden), hidden) : null,
  };
}

const DEFAULT_ACTIVATIONS = ["Sigmoid", "Tanh", "Tanh"];

export const lstmImporter: Importer = (node) => {
  const a = node.attributes;
  const hidden = a.int("hidden_size", 0);
  if (hidden < 1) throw node.error("it has no hidden_size");
  const direction = a.string("direction", "forward");
  if (direction !== "forward" && direction !== "bidirectional") throw a.refuse("direction", direction, "forward and bidirectional LSTMs are imported, reverse ones are not");
  const activations = a.strings("activations");
  const defaults = direction === "bidirectional" ? [...DEFAULT_ACTIVATIONS, ...DEFAULT_ACTIVATIONS] : DEFAULT_ACTIVATIONS;
  if (activations.length && activations.join() !== defaults.join()) throw a.refuse("activations", activations, `only the default gates ${defaults.join(", ")} are imported`);
  a.floats("activation_alpha");
  a.floats("activation_beta");
  if (a.has("clip")) throw a.refuse("clip", a.float("clip", 0), "cell clipping is not imported");
  if (a.int("input_forget", 0) !== 0) throw a.refuse("input_forget", 1, "coupled input and forget gates are not imported");
  const batchFirst = a.int("layout", 0) === 1;
  const dirs = direction === "bidirectional" ? 2 : 1;
  return (inputs: readonly (OnnxValue | undefined)[]) => {
    const [x, w, r, b, sequenceLens, h0, c0, peepholes] = inputs;
    if (sequenceLens) throw node.error("its sequence_lens input is given; loadOnnx imports LSTMs over whole sequences only");
    if (peepholes) throw node.error("its peephole weights P are given; loadOnnx imports LSTMs without peepholes");
    const W = asFloatTensor(w!);
    const R = asFloatTensor(r!);
    const B = b && asFloatTensor(b);
    const weights = Array.from({ length: dirs }, (_, d) => cellWeights(W, R, B, d, hidden));
    // ONNX's layout 1 puts the batch first in the states too; Strata's are [dirs, N, H]
    const state = (s: OnnxValue | undefined) => s && (batchFirst ? permute(asFloatTensor(s), [1, 0, 2]) : asFloatTensor(s));
    const options = { bidirectional: dirs === 2, batchFirst, h0: state(h0), c0: state(c0) };
    const { output, h, c } = functional.rnnSequence("LSTM", asFloatTensor(x!), weights, options);
    // output [T, N, dirs·H] (or [N, T, …]) to ONNX's Y [T, dirs, N, H] (or [N, T, dirs, H])
    const [s0, s1] = output.shape;
    const split = reshape(output, [s0, s1, dirs, hidden]);
    const y = batchFirst ? split : permute(split, [0, 2, 1, 3]);
    const finalState = (t: Tensor) => (batchFirst ? permute(t, [1, 0, 2]) : t);
    return [y, finalState(h), finalState(c!)];
  };
};
