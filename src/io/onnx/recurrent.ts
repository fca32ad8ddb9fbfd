/** ONNX exports of the sequence layers RNN, LSTM and GRU (every layer count, either direction, batch-first or not). */
import * as nn from "../../nn/index.js";
import { cellParameters } from "../../nn/rnn-weights.js";
import type { Tensor } from "../../tensor/index.js";
import { exporterFor, type Exporter, type ExportStep } from "./exporter.js";
import type { AttributeValue } from "./graph.js";

/**
 * Per mode: the ONNX op, PyTorch's gate blocks in ONNX's order, and extra attributes. PyTorch
 * stacks LSTM gates i, f, g, o and ONNX i, o, f, c; GRU r, z, n against ONNX z, r, h, with the
 * reset gate applied after the hidden weights (linear_before_reset), as PyTorch computes it.
 */
const modes: Record<nn.RNNBase["mode"], { op: string; order: number[]; attributes: Record<string, AttributeValue> }> = {
  LSTM: { op: "LSTM", order: [0, 3, 1, 2], attributes: {} },
  GRU: { op: "GRU", order: [1, 0, 2], attributes: { linear_before_reset: 1 } },
  RNN_TANH: { op: "RNN", order: [0], attributes: { activations: { strings: ["Tanh"] } } },
  RNN_RELU: { op: "RNN", order: [0], attributes: { activations: { strings: ["Relu"] } } },
};

/** The tensors' values one after another, each with its gate blocks (equal runs of rows) put in `order`. */
function stackGates(tensors: readonly Tensor[], order: readonly number[]): Float32Array {
  const out = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
  let at = 0;
  for (const t of tensors) {
    const block = t.size / order.length;
    for (const gate of order) {
      out.set(t.values.subarray(gate * block, (gate + 1) * block), at);
      at += block;
    }
  }
  return out;
}

/** One stacked layer: W, R and B stacked over the directions, the op, and Y [T, dirs, N, H] back to [T, N, dirs·H]. */
function layer(m: nn.RNNBase, x: string, index: number, { graph, label }: ExportStep): string {
  const { op, order, attributes } = modes[m.mode];
  const dirs = m.bidirectional ? 2 : 1;
  const cells = Array.from({ length: dirs }, (_, d) => cellParameters(m, `_l${index}${d === 1 ? "_reverse" : ""}`));
  const gates = order.length * m.hiddenSize;
  const w = graph.weight(`${label}.W_l${index}`, stackGates(cells.map((c) => c.weightIh), order), [dirs, gates, cells[0].weightIh.shape[1]]);
  const r = graph.weight(`${label}.R_l${index}`, stackGates(cells.map((c) => c.weightHh), order), [dirs, gates, m.hiddenSize]);
  const biases = cells.flatMap((c) => (c.biasIh && c.biasHh ? [c.biasIh, c.biasHh] : []));
  const inputs = [x, w, r, ...(m.bias ? [graph.weight(`${label}.B_l${index}`, stackGates(biases, order), [dirs, 2 * gates])] : [])];
  const direction = m.bidirectional ? "bidirectional" : "forward";
  const [y] = graph.node(op, inputs, `${label}/l${index}`, { hidden_size: m.hiddenSize, direction, ...attributes }, op === "LSTM" ? 3 : 2);
  const perDirection = graph.op("Transpose", [y], `${label}/l${index}/ndh`, { perm: [0, 2, 1, 3] });
  return graph.op("Reshape", [perDirection, graph.int64s(`${label}/l${index}/shape`, [0, 0, -1])], `${label}/l${index}/out`);
}

/** Time-major inside (onnxruntime does not run batch-first recurrent layouts), transposed around when batch-first. */
const recurrent: Exporter<nn.RNNBase> = (m, x, step) => {
  const timeMajor = (name: string, stem: string) => step.graph.op("Transpose", [name], stem, { perm: [1, 0, 2] });
  let h = m.batchFirst ? timeMajor(x.name, `${step.label}/time_major`) : x.name;
  for (let i = 0; i < m.numLayers; i++) h = layer(m, h, i, step);
  return m.batchFirst ? timeMajor(h, step.label) : h;
};

export const recurrentExporters = [exporterFor(nn.RNN, recurrent), exporterFor(nn.LSTM, recurrent), exporterFor(nn.GRU, recurrent)];
