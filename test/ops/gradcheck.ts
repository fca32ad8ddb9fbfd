/** Shared pieces of the gradient-check tests: seeded float64 inputs and first/second-order checks. */
import assert from "node:assert/strict";
import { concat, enableGrad, flatten, Generator, gradcheck, mul, rand, randn, sum, type GradcheckOptions, type Tensor } from "../../src/index.js";
import { grad } from "../../src/autograd/index.js";

/** Seeded float64 inputs: normal, or uniform in a range that keeps away from a function's poles. */
export function sampler(seed: number) {
  const generator = new Generator(seed);
  return {
    normal: (shape: readonly number[]) => randn(shape, { generator, dtype: "float64" }),
    uniform: (shape: readonly number[], low: number, high: number) => rand(shape, { generator, dtype: "float64", low, high }),
  };
}

/** Autograd's gradient of fn agrees with central finite differences for every float input. */
export function assertGradcheck(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options?: GradcheckOptions): void {
  assert.equal(gradcheck(fn, inputs, options), true);
}

/**
 * The gradient of fn's gradient agrees with finite differences: x ↦ ∂(v·fn(x))/∂x, computed with
 * createGraph, is itself gradchecked. This exercises each op's backward as a differentiable op.
 */
export function assertGradgradcheck(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[]): void {
  const firstOrder = (...xs: Tensor[]): Tensor =>
    // gradcheck evaluates its finite differences under noGrad; the inner gradient needs the graph
    enableGrad(() => {
      const out = fn(...xs);
      const v = randn(out.shape, { generator: new Generator(99), dtype: out.dtype });
      const floats = xs.filter((x) => x.dtype !== "int32");
      const grads = grad(sum(mul(out, v)), floats, { createGraph: true });
      return concat(grads.map((g) => flatten(g)));
    });
  assertGradcheck(firstOrder, inputs);
}
