/** ONNX exports of max, average and adaptive pooling. */
import * as nn from "../../nn/index.js";
import { exporterFor, type ExportStep, type Value } from "./exporter.js";

const window = ({ geometry }: nn.WindowPool) => ({
  kernel_shape: geometry.kernel,
  strides: geometry.stride,
  pads: [...geometry.padding, ...geometry.padding],
  ceil_mode: geometry.ceilMode ? 1 : 0,
});

const maxPool = exporterFor(nn.MaxPoolNd, (m, x, { graph, label }) => graph.op("MaxPool", [x.name], label, { ...window(m), dilations: m.geometry.dilation }));

const avgPool = exporterFor(nn.AvgPoolNd, (m, x, { graph, label }) => {
  if (m.divisorOverride !== undefined) throw new Error(`exportOnnx: ${m.constructor.name} at ${label} has divisorOverride ${m.divisorOverride}, which ONNX AveragePool cannot express; export it with divisorOverride unset`);
  return graph.op("AveragePool", [x.name], label, { ...window(m), count_include_pad: m.countIncludePad ? 1 : 0 });
});

/**
 * Adaptive pooling has no ONNX op; two cases are exact. Where each input size is a multiple of the
 * output size, the windows are disjoint and equal: a plain pool with kernel = stride = in/out
 * (global pooling for an output of 1). Where each output size is a multiple of the input size
 * (VGG's 7×7 pool after a small image's 1×1 map), each output reads one input: nearest upsampling.
 */
function adaptive(m: nn.AdaptivePool, x: Value, { graph, label }: ExportStep, poolOp: string): string {
  const dims = m.outputShape(x.value.shape).slice(2);
  const inputs = x.value.shape.slice(2);
  if (inputs.every((n, i) => n % dims[i] === 0)) {
    const kernel = inputs.map((n, i) => n / dims[i]);
    return graph.op(poolOp, [x.name], label, { kernel_shape: kernel, strides: kernel });
  }
  if (inputs.every((n, i) => dims[i] % n === 0)) {
    const scales = graph.weight(`${label}/scales`, [1, 1, ...inputs.map((n, i) => dims[i] / n)], [2 + dims.length]);
    const attributes = { mode: "nearest", coordinate_transformation_mode: "asymmetric", nearest_mode: "floor" };
    return graph.op("Resize", [x.name, "", scales], label, attributes);
  }
  throw new Error(`exportOnnx: ${m.constructor.name} at ${label} pools ${inputs.join("×")} to ${dims.join("×")}; ONNX has no adaptive pooling, and only sizes where one divides the other export exactly — export at an input size where they do`);
}

const adaptiveAvg = exporterFor(nn.AdaptiveAvgPoolNd, (m, x, step) => adaptive(m, x, step, "AveragePool"));
const adaptiveMax = exporterFor(nn.AdaptiveMaxPoolNd, (m, x, step) => adaptive(m, x, step, "MaxPool"));

export const poolExporters = [maxPool, avgPool, adaptiveAvg, adaptiveMax];
