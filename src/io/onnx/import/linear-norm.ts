/** Importers of the matrix products (Gemm, MatMul) and of the normalisations BatchNormalization and LRN. */
import { functional } from "../../../nn/index.js";
import { add, matmul, matmulT, mul } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import type { Importer } from "./importer.js";
import { asFloatTensor } from "./values.js";

/** Y = alpha·op(A)·op(B) + beta·C, op transposing where transA / transB say (PyTorch's Linear is transB = 1). */
const gemm: Importer = (node) => {
  const a = node.attributes;
  const alpha = a.float("alpha", 1);
  const beta = a.float("beta", 1);
  const transA = a.int("transA", 0) === 1;
  const transB = a.int("transB", 0) === 1;
  const scaled = (t: Tensor, k: number) => (k === 1 ? t : mul(t, k));
  return ([x, w, c]) => {
    const product = scaled(matmulT(asFloatTensor(x!), asFloatTensor(w!), transA, transB), alpha);
    return [c ? add(product, scaled(asFloatTensor(c), beta)) : product];
  };
};

const matMul: Importer = () => ([x, w]) => [matmul(asFloatTensor(x!), asFloatTensor(w!))];

/**
 * BatchNormalization follows the module's mode, as nn.BatchNorm: in eval it normalises with the
 * running statistics (buffers); in training with the batch's, updating the running ones in place
 * as PyTorch does. ONNX's momentum weighs the old running value (0.9), PyTorch's the new (0.1).
 */
const batchNormalization: Importer = (node) => {
  const a = node.attributes;
  const eps = a.float("epsilon", 1e-5);
  const momentum = 1 - a.float("momentum", 0.9);
  a.int("training_mode", 0);
  if (a.int("spatial", 1) !== 1) throw a.refuse("spatial", 0, "only per-channel statistics (spatial = 1) are");
  if (node.outputs.slice(1).some((name) => name !== "")) throw node.error("its running mean/variance outputs are used; loadOnnx imports BatchNormalization for its Y output and keeps the running statistics as buffers");
  return ([x, scale, bias, runningMean, runningVar], run) => {
    const options = { weight: asFloatTensor(scale!), bias: asFloatTensor(bias!), training: run.training, momentum, eps };
    return [functional.batchNorm(asFloatTensor(x!), asFloatTensor(runningMean!), asFloatTensor(runningVar!), options)];
  };
};

/** LRN: x / (bias + alpha/size · Σ x² over `size` channels)^beta, PyTorch's LocalResponseNorm (the same window for odd sizes). */
const lrn: Importer = (node) => {
  const a = node.attributes;
  const size = a.int("size", 0);
  if (size % 2 === 0) throw a.refuse("size", size, "only odd sizes are imported (ONNX and PyTorch centre even windows one channel apart)");
  const options = { alpha: a.float("alpha", 1e-4), beta: a.float("beta", 0.75), k: a.float("bias", 1) };
  return ([x]) => [functional.localResponseNorm(asFloatTensor(x!), size, options)];
};

export const linearNormImporters: Record<string, Importer> = { Gemm: gemm, MatMul: matMul, BatchNormalization: batchNormalization, LRN: lrn };
