/** ONNX exports of the activation layers (all but GELU), softmax and log-softmax. */
import * as nn from "../../nn/index.js";
import { exporterFor, type ExporterEntry, type ExportStep, type Value } from "./exporter.js";

/** An activation that is one ONNX op without attributes. */
const plain = (type: ExporterEntry["type"], opType: string) => exporterFor(type, (_m, x, { graph, label }) => graph.op(opType, [x.name], label));

const leakyRelu = exporterFor(nn.LeakyReLU, (m, x, { graph, label }) => graph.op("LeakyRelu", [x.name], label, { alpha: { float: m.negativeSlope } }));
const elu = exporterFor(nn.ELU, (m, x, { graph, label }) => graph.op("Elu", [x.name], label, { alpha: { float: m.alpha } }));
const softshrink = exporterFor(nn.Softshrink, (m, x, { graph, label }) => graph.op("Shrink", [x.name], label, { lambd: { float: m.lambda }, bias: { float: m.lambda } }));

/** The slopes [C] reshaped to [C, 1, …] so they broadcast over channel axis 1, as PyTorch's PReLU applies them. */
const prelu = exporterFor(nn.PReLU, (m, x, { graph, label }) => {
  const trailing = m.numParameters === 1 ? [] : new Array<number>(Math.max(0, x.value.ndim - 2)).fill(1);
  return graph.op("PRelu", [x.name, graph.weight(`${label}.weight`, m.weight.values, [m.numParameters, ...trailing])], label);
});

/**
 * log(1 + e^(beta·x)) / beta. Strata's threshold (x itself above it) is not written: in float32,
 * Softplus already equals x there to within rounding (beyond 20 for beta 1, e^−20 ≈ 2e−9 relative).
 */
const softplus = exporterFor(nn.Softplus, (m, x, { graph, label }) => {
  if (m.beta === 1) return graph.op("Softplus", [x.name], label);
  const beta = graph.weight(`${label}.beta`, [m.beta], []);
  const scaled = graph.op("Mul", [x.name, beta], `${label}/scaled`);
  return graph.op("Div", [graph.op("Softplus", [scaled], `${label}/softplus`), beta], label);
});

/** Softmax and LogSoftmax along one axis (opset 13 normalises over that axis alone, as Strata). */
const softmax = exporterFor(nn.Softmax, (m, x, { graph, label }) => graph.op("Softmax", [x.name], label, { axis: m.dim }));
const logSoftmax = exporterFor(nn.LogSoftmax, (m, x, { graph, label }) => graph.op("LogSoftmax", [x.name], label, { axis: m.dim }));

/** Hardtanh and ReLU6 are Clip, the bounds as scalar inputs (opset 11 on). */
const clip = (lo: number, hi: number, x: Value, { graph, label }: ExportStep) =>
  graph.op("Clip", [x.name, graph.weight(`${label}.min`, [lo], []), graph.weight(`${label}.max`, [hi], [])], label);
const hardtanh = exporterFor(nn.Hardtanh, (m, x, context) => clip(m.minVal, m.maxVal, x, context));
const relu6 = exporterFor(nn.ReLU6, (_m, x, context) => clip(0, 6, x, context));
/** ONNX's Shrink with bias 0 is hard shrinkage. */
const hardshrink = exporterFor(nn.Hardshrink, (m, x, { graph, label }) => graph.op("Shrink", [x.name], label, { lambd: { float: m.lambd }, bias: { float: 0 } }));
/** x·σ(x) as Mul(x, Sigmoid(x)). */
const silu = exporterFor(nn.SiLU, (_m, x, { graph, label }) => graph.op("Mul", [x.name, graph.op("Sigmoid", [x.name], `${label}/sigmoid`)], label));
/** x − tanh(x) as Sub(x, Tanh(x)). */
const tanhshrink = exporterFor(nn.Tanhshrink, (_m, x, { graph, label }) => graph.op("Sub", [x.name, graph.op("Tanh", [x.name], `${label}/tanh`)], label));
/** log σ(x) as −softplus(−x), stable as Strata's (onnxruntime's Softplus does not overflow). */
const logSigmoid = exporterFor(nn.LogSigmoid, (_m, x, { graph, label }) => {
  const softplus = graph.op("Softplus", [graph.op("Neg", [x.name], `${label}/neg`)], `${label}/softplus`);
  return graph.op("Neg", [softplus], label);
});

export const activationExporters = [
  plain(nn.Softsign, "Softsign"), plain(nn.SELU, "Selu"), hardtanh, relu6, hardshrink, silu, tanhshrink, logSigmoid,
  plain(nn.ReLU, "Relu"), plain(nn.Tanh, "Tanh"), plain(nn.Sigmoid, "Sigmoid"), plain(nn.Abs, "Abs"),
  leakyRelu, elu, softshrink, prelu, softplus, softmax, logSoftmax,
];
