/** ONNX exports of convolution and transposed convolution (1-d, 2-d, 3-d): Conv and ConvTranspose. */
import * as nn from "../../nn/index.js";
import type { Tensor } from "../../tensor/index.js";
import { exporterFor } from "./exporter.js";
import type { OnnxGraph } from "./graph.js";

/** The weight's and (when learned) the bias's names, as the two convolutions take them after x. */
const weightAndBias = (graph: OnnxGraph, label: string, m: { weight: Tensor; bias: Tensor | null }) =>
  [graph.tensor(`${label}.weight`, m.weight), ...(m.bias ? [graph.tensor(`${label}.bias`, m.bias)] : [])];

const conv = exporterFor(nn.ConvNd, (m, x, { graph, label }) => {
  const inputs = [x.name, ...weightAndBias(graph, label, m)];
  return graph.op("Conv", inputs, label, {
    kernel_shape: m.kernelSize,
    strides: m.stride,
    pads: [...m.paddingBefore, ...m.paddingAfter],
    dilations: m.dilation,
    group: m.groups,
  });
});

/** The weight [in, out/groups, …kernel] is already ConvTranspose's layout. */
const convTranspose = exporterFor(nn.ConvTransposeNd, (m, x, { graph, label }) => {
  const inputs = [x.name, ...weightAndBias(graph, label, m)];
  return graph.op("ConvTranspose", inputs, label, {
    kernel_shape: m.kernelSize,
    strides: m.stride,
    pads: [...m.padding, ...m.padding],
    output_padding: m.outputPadding,
    dilations: m.dilation,
    group: m.groups,
  });
});

export const convExporters = [conv, convTranspose];
