/** ONNX exports of convolution and transposed convolution (1-d, 2-d, 3-d): Conv and ConvTranspose. */
import * as nn from "../../nn/index.js";
import { exporterFor, type ExportStep, type Value } from "./exporter.js";
import type { AttributeValue } from "./graph.js";

/** Both layers: weight (Conv's [out, in/groups, …kernel] and ConvTranspose's [in, out/groups, …kernel] as PyTorch's) and optional bias. */
function convolution(opType: string, m: nn.ConvNd | nn.ConvTransposeNd, x: Value, { graph, label }: ExportStep, extra: Record<string, AttributeValue>): string {
  const inputs = [x.name, graph.tensor(`${label}.weight`, m.weight), ...(m.bias ? [graph.tensor(`${label}.bias`, m.bias)] : [])];
  return graph.op(opType, inputs, label, { kernel_shape: m.kernelSize, strides: m.stride, dilations: m.dilation, group: m.groups, ...extra });
}

const conv = exporterFor(nn.ConvNd, (m, x, step) => convolution("Conv", m, x, step, { pads: [...m.paddingBefore, ...m.paddingAfter] }));

const convTranspose = exporterFor(nn.ConvTransposeNd, (m, x, step) =>
  convolution("ConvTranspose", m, x, step, { pads: [...m.padding, ...m.padding], output_padding: m.outputPadding }));

export const convExporters = [conv, convTranspose];
