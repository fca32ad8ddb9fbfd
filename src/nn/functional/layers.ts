/** Functional forms of the basic layers: linear, dropout, flatten. */
import { add, bernoulli, flatten as flattenAxes, linearRows, matmulT, mul, reshape } from "../../ops/index.js";
import { defaultGenerator, floatOf, fmtShape, promote, ShapeError, type DType, type Generator, type Tensor } from "../../tensor/index.js";

/**
 * y = x·Wᵀ + b over the last dimension of x (any number of leading dimensions), with weight
 * [outFeatures, inFeatures] and bias [outFeatures] as in PyTorch.
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return linearActivated(x, weight, bias, false);
}

/** relu(linear(x, weight, bias)) in one fused kernel: what nn.Sequential runs for Linear followed by ReLU. */
export function linearRelu(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return linearActivated(x, weight, bias, true);
}

function linearActivated(x: Tensor, weight: Tensor, bias: Tensor | null, relu: boolean): Tensor {
  if (weight.ndim !== 2) throw new ShapeError(`linear: weight must be 2-D [outFeatures, inFeatures], got shape ${fmtShape(weight.shape)}`);
  const [outFeatures, inFeatures] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inFeatures) {
    throw new ShapeError(
      `linear: input of shape ${fmtShape(x.shape)} must end in inFeatures = ${inFeatures} ` +
        `(weight has shape ${fmtShape(weight.shape)})`,
    );
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outFeatures)) {
    throw new ShapeError(`linear: bias must have shape [${outFeatures}] to match weight ${fmtShape(weight.shape)}, got ${fmtShape(bias.shape)}`);
  }
  const rows = x.ndim === 1 ? reshape(x, [1, inFeatures]) : x;
  const dtype = floatOf([rows, weight, bias ?? weight].map((t) => t.dtype).reduce(promote));
  if (rows.ndim === 2 && [rows, weight, bias].every((t) => t === null || t.dtype === dtype)) {
    // the common case: one kernel adds the bias (and applies ReLU) as it writes the product
    const y = linearRows(rows, weight, bias, relu ? "relu" : null);
    return x.ndim === 1 ? reshape(y, [outFeatures]) : y;
  }
  const product = matmulT(rows, weight, false, true);
  const biased = bias ? add(product, bias) : product;
  const y = relu ? biased.relu() : biased;
  return x.ndim === 1 ? reshape(y, [outFeatures]) : y;
}

function checkProbability(op: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${op}: p (the probability of dropping an element) must be in [0, 1], got ${p}`);
}

/** Inverted dropout's multiplier: 0 with probability p, else 1/(1−p), so the expectation is unchanged. */
export function dropoutMask(shape: readonly number[], p: number, dtype: DType = "float32", generator: Generator = defaultGenerator): Tensor {
  checkProbability("dropoutMask", p);
  const keep = 1 - p;
  const kept = bernoulli(shape, keep, { dtype: floatOf(dtype), generator });
  return keep > 0 ? mul(kept, 1 / keep) : kept;
}

/**
 * Zero each element with probability p and scale the rest by 1/(1−p) when training; the identity
 * otherwise. Draws from the seeded default generator unless one is given.
 */
export function dropout(x: Tensor, p = 0.5, training = true, generator: Generator = defaultGenerator): Tensor {
  checkProbability("dropout", p);
  if (!training || p === 0) return x;
  return mul(x, dropoutMask(x.shape, p, x.dtype, generator));
}

/** Merge dimensions startDim…endDim (inclusive) into one; the default keeps the batch dimension, as nn.Flatten. */
export function flatten(x: Tensor, startDim = 1, endDim = -1): Tensor {
  return flattenAxes(x, startDim, endDim);
}
