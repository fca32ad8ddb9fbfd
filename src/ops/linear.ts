/**
 * The fully connected layer's product as one op: y = x·Wᵀ + b, then optionally ReLU, in a single
 * matrix-product kernel whose epilogue adds the bias and applies the activation while each band
 * of the result is still in cache (TF.js's fusedMatMul; PyTorch's addmm). Its backward is the two
 * products and the bias sum, with the gradient first masked by the output's sign after a ReLU.
 */
import { kernels } from "../backend/registry.js";
import type { FusedActivation } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { Tensor } from "../tensor/tensor.js";
import { reluMask } from "./math.js";
import { matmulT } from "./matmul.js";
import { sum } from "./reduce.js";

/** x [N, in] · weight [out, in]ᵀ + bias [out], then `activation`; operands already checked and of one float dtype. */
export function linearRows(x: Tensor, weight: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
  const out = Tensor.fromData(kernels().matmul(x, weight, false, true, [], { bias, activation }));
  return record(activation ? "linearRelu" : "linear", out, bias ? [x, weight, bias] : [x, weight], (gradOut) => {
    const g = activation === "relu" ? reluMask(gradOut, out) : gradOut;
    return [
      x.requiresGrad ? matmulT(g, weight, false, false) : null,
      weight.requiresGrad ? matmulT(g, x, true, false) : null,
      bias?.requiresGrad ? sum(g, [0]) : null,
    ];
  });
}
