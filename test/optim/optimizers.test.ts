import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noGrad, optim, tensor, Tensor, zeros } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { leastSquares, makeOptimizer, optimizerFixture, trainStep, type OptimizerCase } from "./fixtures.js";

const caseNamed = (name: string): OptimizerCase => optimizerFixture.cases.find((c) => c.name === name)!;

describe("optimisers match PyTorch 1.13 over their first 5 steps", () => {
  for (const c of optimizerFixture.cases) {
    it(`${c.name}: ${c.optimizer} ${JSON.stringify(c.options)}${c.groups ? ` groups ${JSON.stringify(c.groups)}` : ""}`, () => {
      const { w, b, loss } = leastSquares();
      const opt = makeOptimizer(c, w, b);
      c.steps.forEach((expected, i) => {
        trainStep(opt, loss);
        assertClose(w, expected.w, { message: `step ${i + 1}, w` });
        assertClose(b, expected.b, { message: `step ${i + 1}, b` });
      });
    });
  }
});

/** The state dict as a checkpoint would carry it: Tensors pulled out, everything else through JSON. */
function throughCheckpoint(sd: optim.OptimizerStateDict): optim.OptimizerStateDict {
  const tensors = new Map<string, Tensor>();
  const state = Object.fromEntries(
    Object.entries(sd.state).map(([i, s]) => [
      i,
      Object.fromEntries(Object.entries(s).map(([k, v]) => {
        if (!(v instanceof Tensor)) return [k, v];
        tensors.set(`${i}.${k}`, new Tensor(v.values.slice(), v.shape));
        return [k, { tensor: `${i}.${k}` }];
      })),
    ]),
  );
  const parsed = JSON.parse(JSON.stringify({ ...sd, state }), (_key, value) => (value?.tensor ? tensors.get(value.tensor) : value));
  return parsed as optim.OptimizerStateDict;
}

describe("optimiser stateDict", () => {
  const resumable = ["sgd_nesterov_weight_decay", "adagrad_decay", "adadelta_rho_weight_decay", "rmsprop_centered_momentum_weight_decay", "adam_amsgrad", "adamw_amsgrad_weight_decay", "adam_groups"];
  for (const name of resumable) {
    it(`${name}: saved after 3 steps and loaded into a fresh optimiser, the next 2 steps match the uninterrupted run`, () => {
      const c = caseNamed(name);
      const first = leastSquares();
      const opt = makeOptimizer(c, first.w, first.b);
      for (let i = 0; i < 3; i++) trainStep(opt, first.loss);
      const saved = throughCheckpoint(opt.stateDict());
      trainStep(opt, first.loss); // later steps must not change what was saved

      const resumed = leastSquares(c.steps[2]);
      const fresh = makeOptimizer(c, resumed.w, resumed.b, { lr: 0.123 }); // lr is restored from the state dict
      fresh.loadStateDict(saved);
      for (const i of [3, 4]) {
        trainStep(fresh, resumed.loss);
        assertClose(resumed.w, c.steps[i].w, { message: `step ${i + 1}, w` });
        assertClose(resumed.b, c.steps[i].b, { message: `step ${i + 1}, b` });
      }
    });
  }

  it("numbers parameters across groups and keeps the hyper-parameters, initialLr included", () => {
    const { w, b, loss } = leastSquares();
    const opt = new optim.SGD([{ params: [w] }, { params: [b], lr: 0.01 }], { lr: 0.1, momentum: 0.9 });
    trainStep(opt, loss);
    const sd = opt.stateDict();
    assert.deepEqual(sd.paramGroups.map((g) => g.params), [[0], [1]]);
    assert.deepEqual(sd.paramGroups[1], { lr: 0.01, initialLr: 0.01, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, maximize: false, params: [1] });
    assert.deepEqual(Object.keys(sd.state), ["0", "1"]);
    assert.ok(sd.state[0].momentumBuffer instanceof Tensor);

    const other = new optim.SGD([{ params: [w] }, { params: [b], lr: 0.5 }], { lr: 0.2 });
    const group = other.paramGroups[1];
    other.loadStateDict(sd);
    assert.equal(other.paramGroups[1], group, "groups are updated in place");
    assert.deepEqual([group.lr, group.initialLr, group.momentum], [0.01, 0.01, 0.9]);
  });

  it("rejects a state dict of another optimiser, of other shapes, or with other groups", () => {
    const { w, b, loss } = leastSquares();
    const adam = new optim.Adam([w, b]);
    trainStep(adam, loss);
    const sgd = new optim.SGD([w, b], { lr: 0.1 });
    assert.throws(() => sgd.loadStateDict(adam.stateDict()), /SGD\.loadStateDict: parameter group 0 has the wrong hyper-parameters \(missing momentum, dampening, nesterov; unknown betas, eps, amsgrad\); was it saved from a different optimiser\?/);
    const swapped = new optim.Adam([b, w]);
    assert.throws(() => swapped.loadStateDict(adam.stateDict()), /Adam\.loadStateDict: state 'expAvg' of parameter 0 has shape \[3, 4\], but the parameter has shape \[4\]/);
    const split = new optim.Adam([{ params: [w] }, { params: [b] }]);
    assert.throws(() => split.loadStateDict(adam.stateDict()), /the state dict has 1 parameter groups, this optimiser has 2/);
    const bad = adam.stateDict();
    bad.paramGroups[0].betas = [0.9, 1.5];
    assert.throws(() => new optim.Adam([w, b]).loadStateDict(bad), /Adam: betas\[1\] must be a number in \[0, 1\), got 1\.5/);
  });
});

describe("optimiser behaviour", () => {
  it("leaves parameters whose grad is null untouched, and keeps no state for them", () => {
    const { w, b, loss } = leastSquares();
    const unused = tensor([1, 2, 3], { requiresGrad: true }); // never reached by backward
    // Weight decay would move even a zero gradient's parameter: null must mean "skip".
    const opt = new optim.Adam([w, b, unused], { lr: 0.1, weightDecay: 0.1 });
    const [wBefore, bBefore] = [w.dataSync(), b.dataSync()];
    opt.zeroGrad();
    loss().backward();
    b.grad = null; // as a frozen parameter's would be
    opt.step();
    assert.deepEqual(b.values, bBefore);
    assert.deepEqual(unused.values, Float32Array.from([1, 2, 3]));
    assert.notDeepEqual(w.values, wBefore);
    assert.deepEqual([...opt.state.keys()], [w]);
  });

  it("zeroGrad sets every gradient to null", () => {
    const { w, b, loss } = leastSquares();
    const opt = new optim.SGD([w, b], { lr: 0.1 });
    loss().backward();
    opt.zeroGrad();
    assert.equal(w.grad, null);
    assert.equal(b.grad, null);
  });

  it("step(closure) recomputes the loss, even inside noGrad, and returns it", () => {
    const { w, b, loss } = leastSquares();
    const opt = new optim.SGD([w, b], { lr: 0.1 });
    const closure = () => {
      opt.zeroGrad();
      const l = loss();
      l.backward();
      return l;
    };
    const value = noGrad(() => opt.step(closure));
    const c = caseNamed("sgd");
    assertClose(value!, leastSquaresLossAtStart());
    assertClose(w, c.steps[0].w);
  });

  it("addParamGroup adds parameters with their own hyper-parameters", () => {
    const { w, b } = leastSquares();
    const opt = new optim.RMSprop([w], { lr: 0.01, centered: true });
    opt.addParamGroup({ params: [b], lr: 0.5 });
    assert.equal(opt.paramGroups[1].lr, 0.5);
    assert.equal(opt.paramGroups[1].centered, true);
    assert.equal(opt.paramGroups[1].initialLr, 0.5);
  });

  it("Adam and SGD with momentum minimise a least-squares problem to its closed-form solution", () => {
    // y = x·w* + b* + noise; the minimiser of mean squared error solves the normal equations.
    const n = 32;
    const xs = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(1.7 * i), ((i % 5) - 2) / 2]);
    const ys = xs.map(([a, c, d], i) => 0.5 * a - 2 * c + d + 1 + 0.1 * Math.sin(7 * i));
    const expected = solveNormalEquations(xs.map((r) => [...r, 1]), ys); // [w1, w2, w3, b]
    const x = tensor(xs);
    const y = tensor(ys).reshape([n, 1]);
    for (const make of [(ps: Tensor[]) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9 }), (ps: Tensor[]) => new optim.Adam(ps, { lr: 0.05 })]) {
      const w = zeros([3, 1], { requiresGrad: true });
      const b = zeros([1], { requiresGrad: true });
      const opt = make([w, b]);
      for (let i = 0; i < 400; i++) trainStep(opt, () => x.matmul(w).add(b).sub(y).square().mean());
      assertClose([...w.values, ...b.values], expected, { rtol: 1e-3, atol: 1e-3, message: opt.name });
    }
  });
});

/** The fixture problem's loss at its starting point. */
function leastSquaresLossAtStart(): number {
  return leastSquares().loss().itemSync();
}

/** Solve (AᵀA)θ = Aᵀy by Gaussian elimination in float64. */
function solveNormalEquations(a: number[][], y: number[]): number[] {
  const m = a[0].length;
  const rows = Array.from({ length: m }, (_, i) => [
    ...Array.from({ length: m }, (_, j) => a.reduce((s, r) => s + r[i] * r[j], 0)),
    a.reduce((s, r, k) => s + r[i] * y[k], 0),
  ]);
  for (let col = 0; col < m; col++) {
    const pivot = rows.slice(col).reduce((best, r, k) => (Math.abs(r[col]) > Math.abs(rows[best][col]) ? col + k : best), col);
    [rows[col], rows[pivot]] = [rows[pivot], rows[col]];
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = rows[r][col] / rows[col][col];
      for (let c = col; c <= m; c++) rows[r][c] -= f * rows[col][c];
    }
  }
  return rows.map((r, i) => r[m] / r[i]);
}

describe("optimiser errors", () => {
  const w = () => tensor([1, 2], { requiresGrad: true });
  it("names the optimiser, the option, the value and what is allowed", () => {
    assert.throws(() => new optim.SGD([w()], { lr: -1 }), /SGD: lr must be a number ≥ 0, got -1/);
    assert.throws(() => new optim.SGD([w()]), /SGD: lr is required; pass it in the options or in every parameter group/);
    assert.throws(() => new optim.SGD([w()], { lr: 0.1, nesterov: true }), /SGD: nesterov needs momentum > 0 and dampening 0, got momentum 0 and dampening 0/);
    assert.throws(() => new optim.Adam([w()], { betas: [1, 0.999] }), /Adam: betas\[0\] must be a number in \[0, 1\), got 1/);
    assert.throws(() => new optim.Adadelta([w()], { rho: 1.5 }), /Adadelta: rho must be a number in \[0, 1\], got 1\.5/);
    assert.throws(() => new optim.RMSprop([w()], { momentum: -0.1 }), /RMSprop: momentum must be a number ≥ 0, got -0\.1/);
    assert.throws(() => new optim.Adagrad([w()], { lrDecay: Number.NaN }), /Adagrad: lrDecay must be a number ≥ 0, got NaN/);
    assert.throws(() => new optim.AdamW([w()], { amsgrad: "yes" as unknown as boolean }), /AdamW: amsgrad must be true or false, got "yes"/);
    assert.throws(() => new optim.SGD([w()], { lr: 0.1, learningRate: 1 } as never), /SGD: unknown option 'learningRate'; expected one of/);
    assert.throws(() => new optim.SGD([{ params: [w()], moment: 0.9 }] as never, { lr: 0.1 }), /SGD parameter group: unknown option 'moment'/);
  });

  it("rejects parameters that cannot be optimised", () => {
    const p = w();
    assert.throws(() => new optim.SGD([], { lr: 0.1 }), /SGD: got an empty parameter list/);
    assert.throws(() => new optim.SGD([p.mul(2)], { lr: 0.1 }), /SGD: can only optimise leaf tensors; parameter 0 of shape \[2\] was made by mul/);
    assert.throws(() => new optim.SGD([tensor([1, 2], { dtype: "int32" })], { lr: 0.1 }), /SGD: can only optimise float tensors; parameter 0 of shape \[2\] is int32/);
    assert.throws(() => new optim.SGD([{ params: [p] }, { params: [p] }], { lr: 0.1 }), /SGD: parameter 0 of shape \[2\] already belongs to a parameter group/);
    assert.throws(() => new optim.SGD([p, { params: [w()] }] as never, { lr: 0.1 }), /SGD: expected an iterable of Tensors or of parameter groups/);
    assert.throws(() => new optim.SGD([{ params: p }] as never, { lr: 0.1 }), /SGD: a parameter group's params must be an iterable of Tensors \(e\.g\. an array\), got a single Tensor/);
  });

  it("refuses a gradient whose shape is not the parameter's", () => {
    const p = w();
    const opt = new optim.SGD([p], { lr: 0.1 });
    p.grad = tensor([1, 2, 3]);
    assert.throws(() => opt.step(), /SGD\.step: a parameter of shape \[2\] has a gradient of shape \[3\]/);
  });
});
