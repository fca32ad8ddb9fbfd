/**
 * Forward values and gradients against PyTorch 1.13 (test/fixtures/fixtures_ops.py), on inputs
 * chosen to hit the awkward points: ties, bounds, zeros, NaN and infinities.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { assertMatches, fromStored, readFixture, type StoredTensor } from "./fixture.js";

interface Case {
  name: string;
  inputs: StoredTensor[];
  output: StoredTensor;
  gradOutput?: StoredTensor;
  grads?: (StoredTensor | null)[];
}

type Op = (...xs: Tensor[]) => Tensor;

/** The Strata computation for each fixture case, named as in fixtures_ops.py. */
const ops: Record<string, Op> = {
  "add row": (a, b) => S.add(a, b),
  "sub column": (a, b) => S.sub(a, b),
  "mul outer": (a, b) => S.mul(a, b),
  "div column": (a, b) => S.div(a, b),
  "div int by int is true division": (a, b) => S.div(a, b),
  "div trunc int": (a, b) => S.div(a, b, "trunc"),
  "div floor int": (a, b) => S.div(a, b, "floor"),
  "div floor float": (a, b) => S.div(a, b, "floor"),
  "pow tensor exponent": (a, b) => S.pow(a, b),
  "pow zero base": (a, b) => S.pow(a, b),
  "pow negative base": (a) => S.pow(a, 3),
  "pow fraction": (a) => S.pow(a, 0.5),
  "maximum ties": (a, b) => S.maximum(a, b),
  "minimum ties": (a, b) => S.minimum(a, b),
  "maximum nan": (a, b) => S.maximum(a, b),
  "minimum broadcast": (a, b) => S.minimum(a, b),
  neg: S.neg,
  exp: S.exp,
  log: S.log,
  "log1p small": S.log1p,
  "expm1 small": S.expm1,
  sqrt: S.sqrt,
  rsqrt: S.rsqrt,
  square: S.square,
  reciprocal: S.reciprocal,
  sin: S.sin,
  cos: S.cos,
  tanh: S.tanh,
  "sigmoid extremes": S.sigmoid,
  "softplus extremes": S.softplus,
  "relu at zero": S.relu,
  "abs at zero": S.abs,
  sign: S.sign,
  "round half to even": S.round,
  trunc: S.trunc,
  floor: S.floor,
  ceil: S.ceil,
  "clamp at the bounds": (x) => S.clamp(x, -1, 1),
  "clamp min only": (x) => S.clamp(x, 0.25),
  "where broadcast": (c, a, b) => S.where(c, a, b),
  "cast to int truncates": (x) => S.cast(x, "int32"),
  "sum axis 0": (x) => S.sum(x, 0),
  "sum axes 0 and 2 keepDim": (x) => S.sum(x, [0, 2], true),
  "sum all": (x) => S.sum(x),
  "mean axis -1": (x) => S.mean(x, -1),
  "mean int": (x) => S.mean(x),
  "var default correction": (x) => S.variance(x, 1),
  "var correction 0 axes": (x) => S.variance(x, [0, 2], { correction: 0 }),
  "var all keepDim": (x) => x.var(undefined, { keepDim: true }),
  "std axis 0": (x) => S.std(x, 0),
  "std correction 0": (x) => S.std(x, undefined, { correction: 0 }),
  "logsumexp axis 1": (x) => S.logsumexp(x, 1),
  "logsumexp large": (x) => S.logsumexp(x, 0),
  "logsumexp with -inf": (x) => S.logsumexp(x, 1),
  "logsumexp axes keepDim": (x) => S.logsumexp(x, [0, 2], true),
  "max axis with ties": (x) => S.max(x, 1),
  "max all with ties": (x) => S.max(x),
  "min axes keepDim with ties": (x) => S.min(x, [0, 1], true),
  "max nan": (x) => S.max(x, 1),
  "argmax ties take the first": (x) => S.argmax(x, 1),
  "argmin flat": (x) => S.argmin(x),
  "argmax nan wins": (x) => S.argmax(x, 0),
  "softmax axis -1": (x) => S.softmax(x, -1),
  "softmax axis 0": (x) => S.softmax(x, 0),
  "softmax large": (x) => S.softmax(x, 0),
  "logSoftmax axis 1": (x) => S.logSoftmax(x, 1),
  "logSoftmax with -inf": (x) => S.logSoftmax(x, 0),
  "matmul vector vector": (a, b) => S.matmul(a, b),
  "matmul vector matrix": (a, b) => S.matmul(a, b),
  "matmul matrix vector": (a, b) => S.matmul(a, b),
  "matmul batched broadcast": (a, b) => S.matmul(a, b),
  "matmul vector batched": (a, b) => S.matmul(a, b),
  "index steps and negatives": (x) => S.index(x, [1, null], [null, null, 2], -1),
  "index negative range": (x) => S.index(x, [-3, -1]),
  narrow: (x) => S.narrow(x, 1, 1, 2),
  select: (x) => S.select(x, 0, -1),
  "concat axis 1": (a, b) => S.concat([a, b], 1),
  "stack axis -1": (a, b) => S.stack([a, b], -1),
  "gather axis 1 repeated": (x, i) => S.gather(x, 1, i),
  "gather axis 0": (x, i) => S.gather(x, 0, i),
  "scatterAdd repeated": (b, i, s) => S.scatterAdd(b, 1, i, s),
  "scatterAdd src larger": (b, i, s) => S.scatterAdd(b, 0, i, s),
  "indexSelect repeated": (x, i) => S.indexSelect(x, 1, i),
  oneHot: (i) => S.oneHot(i, 4),
};

const cases = readFixture<Case[]>("ops.json");

describe("ops against PyTorch fixtures", () => {
  it("has a Strata computation for every fixture case, and no stale ones", () => {
    assert.deepEqual(Object.keys(ops).sort(), cases.map((c) => c.name).sort());
  });

  for (const c of cases) {
    it(c.name, () => {
      const differentiable = c.grads !== undefined;
      const inputs = c.inputs.map((t) => fromStored(t, { requiresGrad: differentiable && t.dtype !== "int32" }));
      const out = ops[c.name](...inputs);
      assertMatches(out, c.output, "output");
      if (!differentiable) return;
      out.backward(fromStored(c.gradOutput!));
      c.grads!.forEach((expected, i) => {
        if (expected === null) assert.equal(inputs[i].grad, null, `input ${i} should get no gradient`);
        else assertMatches(inputs[i].grad ?? S.zerosLike(inputs[i]), expected, `gradient of input ${i}`);
      });
    });
  }
});
