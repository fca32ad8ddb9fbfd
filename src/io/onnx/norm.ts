/** ONNX exports of batch normalisation (eval mode: running statistics) and local response normalisation. */
import * as nn from "../../nn/index.js";
import { ones, zeros } from "../../ops/index.js";
import { exporterFor, type Exporter } from "./exporter.js";

type AnyBatchNorm = nn.BatchNorm1d | nn.BatchNorm2d | nn.BatchNorm3d;

/** BatchNormalization with the running mean and variance; without affine, a scale of 1 and a shift of 0. */
const batchNorm: Exporter<AnyBatchNorm> = (m, x, { graph, label }) => {
  if (!m.trackRunningStats) {
    throw new Error(`exportOnnx: ${m.constructor.name} at ${label} keeps no running statistics (trackRunningStats false), so even in eval mode it normalises by each batch's own; ONNX BatchNormalization needs fixed ones`);
  }
  const n = m.numFeatures;
  const inputs = [
    x.name,
    graph.tensor(`${label}.weight`, m.weight ?? ones([n])),
    graph.tensor(`${label}.bias`, m.bias ?? zeros([n])),
    graph.tensor(`${label}.running_mean`, m.getBuffer("running_mean")),
    graph.tensor(`${label}.running_var`, m.getBuffer("running_var")),
  ];
  return graph.op("BatchNormalization", inputs, label, { epsilon: { float: m.eps } });
};

/**
 * LRN: x / (k + alpha/size · Σ x²)^beta, the sum over channels c − ⌊(size−1)/2⌋ … c + ⌈(size−1)/2⌉.
 * Strata (as PyTorch) takes ⌊size/2⌋ before and ⌊(size−1)/2⌋ after: the same window for odd sizes.
 */
const lrn = exporterFor(nn.LocalResponseNorm, (m, x, { graph, label }) => {
  if (m.size % 2 === 0) throw new Error(`exportOnnx: LocalResponseNorm at ${label} has an even size (${m.size}); ONNX LRN centres even windows one channel differently, so only odd sizes export`);
  return graph.op("LRN", [x.name], label, { size: m.size, alpha: { float: m.alpha }, beta: { float: m.beta }, bias: { float: m.k } });
});

export const normExporters = [exporterFor(nn.BatchNorm1d, batchNorm), exporterFor(nn.BatchNorm2d, batchNorm), exporterFor(nn.BatchNorm3d, batchNorm), lrn];
