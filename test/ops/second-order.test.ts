/**
 * Gradients of gradients: each op's backward is written with differentiable ops, so a gradient
 * computed with createGraph can be differentiated again. Linear ops are composed with square so that
 * their gradient depends on the input and the check passes through their backward's own backward.
 */
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { tensor, type Tensor } from "../../src/index.js";
import { assertGradgradcheck, sampler } from "./gradcheck.js";

const int = (values: number[][] | number[]) => tensor(values, { dtype: "int32" });
const squared = (f: (x: Tensor) => Tensor) => (x: Tensor) => S.square(f(x));

describe("second-order gradients (gradcheck of a createGraph gradient)", () => {
  const r = sampler(9);
  const cases: [string, (...xs: Tensor[]) => Tensor, () => Tensor[]][] = [
    ["mul with broadcasting", (a, b) => S.mul(a, b).mul(a), () => [r.normal([2, 3]), r.normal([3])]],
    ["div", (a, b) => S.div(a, b), () => [r.normal([2, 3]), r.uniform([2, 1], 0.5, 2)]],
    ["pow with a tensor exponent", (a, b) => S.pow(a, b), () => [r.uniform([4], 0.5, 2), r.normal([4])]],
    ["maximum", (a, b) => S.square(S.maximum(a, b)), () => [r.normal([5]), r.normal([5])]],
    ["exp, log, tanh, sigmoid, softplus, sqrt", (x) => S.exp(x).add(S.log(x)).add(S.tanh(x)).add(S.sigmoid(x)).add(S.softplus(x)).add(S.sqrt(x)), () => [r.uniform([5], 0.3, 2)]],
    ["sin, cos, reciprocal, rsqrt, log1p, expm1", (x) => S.sin(x).mul(S.cos(x)).add(S.reciprocal(x)).add(S.rsqrt(x)).add(S.log1p(x)).add(S.expm1(x)), () => [r.uniform([5], 0.3, 2)]],
    ["relu, abs and clamp", (x) => S.square(S.relu(x)).add(S.square(S.abs(x))).add(S.square(S.clamp(x, -0.5, 0.5))), () => [r.normal([6])]],
    ["where", (a, b) => S.square(S.where(int([1, 0, 1]), a, b)), () => [r.normal([3]), r.normal([2, 3])]],
    ["sum and mean over axes", (x) => S.square(S.sum(x, 1)).add(S.square(S.mean(x, [0, 2], true)).sum()), () => [r.normal([2, 3, 2])]],
    ["max and min", (x) => S.square(S.max(x, 1)).add(S.square(S.min(x))), () => [r.normal([2, 3])]],
    ["var and std", (x) => S.variance(x, 1).add(S.std(x, 1)), () => [r.normal([2, 4])]],
    ["logsumexp", (x) => S.logsumexp(x, -1), () => [r.normal([2, 3])]],
    ["matmul, batched with broadcast", (a, b) => S.matmul(a, b), () => [r.normal([2, 2, 3]), r.normal([3, 2])]],
    ["matmulT with both transposes", (a, b) => S.square(S.matmulT(a, b, true, true)), () => [r.normal([3, 2]), r.normal([2, 3])]],
    ["softmax", (x) => S.softmax(x, 0), () => [r.normal([3, 2])]],
    ["logSoftmax", (x) => S.logSoftmax(x, 1), () => [r.normal([2, 3])]],
    ["index with steps", squared((x) => S.index(x, [1, null], [null, null, 2])), () => [r.normal([3, 4])]],
    ["concat and split", squared((x) => S.concat(S.split(x, [1, 2], 1).reverse(), 1)), () => [r.normal([2, 3])]],
    ["expand, permute, reshape", squared((x) => S.expand(x, [2, 3, 2]).permute(2, 0, 1).reshape([4, 3])), () => [r.normal([3, 1])]],
    ["gather", squared((x) => S.gather(x, 1, int([[0, 0], [2, 1]]))), () => [r.normal([2, 3])]],
    ["scatterAdd", (b, s) => S.square(S.scatterAdd(b, 1, int([[0, 0, 3], [1, 2, 1]]), s)), () => [r.normal([2, 4]), r.normal([2, 3])]],
    ["indexSelect", squared((x) => S.indexSelect(x, 0, int([2, 0, 2]))), () => [r.normal([3, 2])]],
    ["cast", squared((x) => S.cast(x, "float64").mul(x)), () => [r.normal([4])]],
  ];
  for (const [name, fn, inputs] of cases) it(name, () => assertGradgradcheck(fn, inputs()));
});
