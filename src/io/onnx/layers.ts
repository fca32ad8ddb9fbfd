/** ONNX exports of the basic layers: Linear, Embedding, Flatten, Dropout and Identity (eval mode), Sequential. */
import * as nn from "../../nn/index.js";
import { chain, exporterFor, type Value } from "./exporter.js";

/**
 * y = x·Wᵀ + b as MatMul and Add, for inputs of any rank. W is stored as it is and transposed by a
 * node that runtimes fold into a constant when they load the model: transposing VGG's 25088×4096
 * weight here cost seconds and 400 MB.
 */
const linear = exporterFor(nn.Linear, (m, x, { graph, label }) => {
  const weightT = graph.op("Transpose", [graph.tensor(`${label}.weight`, m.weight)], `${label}/weight_t`, { perm: [1, 0] });
  const product = graph.op("MatMul", [x.name, weightT], m.bias ? `${label}/matmul` : label);
  return m.bias ? graph.op("Add", [product, graph.tensor(`${label}.bias`, m.bias)], label) : product;
});

const embedding = exporterFor(nn.Embedding, (m, x, { graph, label }) => graph.op("Gather", [graph.tensor(`${label}.weight`, m.weight), x.name], label, { axis: 0 }));

/** Dimensions startDim…endDim merged: Reshape keeps those before (0) and writes those after. */
const flatten = exporterFor(nn.Flatten, (m, x, { graph, label }) => {
  const rank = x.value.ndim;
  const start = m.startDim < 0 ? m.startDim + rank : m.startDim;
  const end = m.endDim < 0 ? m.endDim + rank : m.endDim;
  if (start === 0 && end < rank - 1) throw new Error(`exportOnnx: Flatten at ${label} merges the batch dimension with others but not all of them; the batch size is dynamic, so that shape cannot be written`);
  const shape = [...new Array<number>(start).fill(0), -1, ...x.value.shape.slice(end + 1)];
  return graph.op("Reshape", [x.name, graph.int64s(`${label}/shape`, shape)], label);
});

/** Identity, and dropout in eval mode, export as nothing: their output is their input. */
const same = (_m: nn.Module, x: Value) => x;
const identity = exporterFor(nn.Identity, same);
const dropout = exporterFor(nn.Dropout, same);
const dropout2d = exporterFor(nn.Dropout2d, same);

const sequential = exporterFor(nn.Sequential, (m, x, step) => chain([...m], x, step));

export const layerExporters = [linear, embedding, flatten, identity, dropout, dropout2d, sequential];
