/** Pooling layers: shapes and tiling for summary(), strict mode, reprs, switches, and the composed poolings' behaviour and limits. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, gradcheck, manualSeed, nn, randn, randperm, tensor, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";

const F = nn.functional;

/** float64 values of `shape` without ties (a shuffled ramp, 0.25 apart). */
function distinct(shape: readonly number[], seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const order = randperm(n, { generator: new Generator(seed) });
  return tensor(Float64Array.from(order.values, (v) => (v - n / 2) / 4), shape);
}

describe("outputShape and tilingProblem (for summary)", () => {
  const layers: [string, nn.Module & { outputShape(s: readonly number[]): number[] }, number[]][] = [
    ["MaxPool2d(2)", new nn.MaxPool2d(2), [2, 6, 28, 28]],
    ["MaxPool2d(3, stride 2, padding 1, ceil)", new nn.MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true }), [1, 3, 10, 9]],
    ["MaxPool1d(3, dilation 2)", new nn.MaxPool1d(3, { stride: 1, dilation: 2 }), [2, 3, 11]],
    ["MaxPool3d(2)", new nn.MaxPool3d(2), [1, 2, 5, 6, 7]],
    ["AvgPool2d(3, stride 2)", new nn.AvgPool2d(3, { stride: 2 }), [3, 9, 9]],
    ["AvgPool1d(2)", new nn.AvgPool1d(2), [2, 3, 9]],
    ["SumPool2d(2)", new nn.SumPool2d(2), [1, 1, 4, 6]],
    ["LPPool2d(2, 3)", new nn.LPPool2d(2, 3, { stride: 2 }), [1, 2, 7, 7]],
    ["LPPool3d(2, 2)", new nn.LPPool3d(2, 2), [1, 2, 4, 5, 4]],
    ["AdaptiveAvgPool2d(3)", new nn.AdaptiveAvgPool2d(3), [2, 4, 10, 7]],
    ["AdaptiveMaxPool2d([2, null])", new nn.AdaptiveMaxPool2d([2, null]), [1, 4, 10, 7]],
    ["AdaptiveAvgPool1d(4)", new nn.AdaptiveAvgPool1d(4), [1, 2, 9]],
    ["StochasticPool2d(2)", new nn.StochasticPool2d(2), [1, 2, 6, 6]],
    ["LogSumExpPool2d(3, stride 1)", new nn.LogSumExpPool2d(3, { stride: 1 }), [1, 2, 6, 5]],
    ["FeatureL2Pool(4)", new nn.FeatureL2Pool(4), [2, 8, 3, 3]],
    ["Maxout(2)", new nn.Maxout(2), [2, 6, 4]],
  ];
  for (const [name, layer, shape] of layers) {
    it(`${name}: outputShape(${JSON.stringify(shape)}) is the shape forward produces`, () => {
      assertShape(layer.forward(randn(shape).abs()), layer.outputShape(shape));
    });
  }

  it("MaxUnpool2d's default output shape inverts the pool's, and an explicit size is honoured", () => {
    const unpool = new nn.MaxUnpool2d(3, { stride: 2, padding: 1 });
    const pool = new nn.MaxPool2d(3, { stride: 2, padding: 1 });
    const { output, indices } = pool.forwardWithIndices(randn([1, 2, 9, 9]));
    assert.deepEqual(unpool.outputShape(output.shape), [1, 2, 9, 9]);
    assertShape(unpool.forward(output, indices), [1, 2, 9, 9]);
    assertShape(unpool.forwardToSize(output, indices, [10, 9]), [1, 2, 10, 9]);
    assert.equal(unpool.tilingProblem(output.shape), null);
  });

  it("LeNet-5's pools tile their inputs; the lectures' 7×7 input with a 3×3 window at stride 3 does not", () => {
    assert.equal(new nn.MaxPool2d(2).tilingProblem([64, 6, 28, 28]), null);
    assert.equal(new nn.MaxPool2d(2).tilingProblem([64, 16, 10, 10]), null);
    const problem = new nn.MaxPool2d(3, { stride: 3 }).tilingProblem([1, 1, 7, 7]);
    assert.ok(problem !== null);
    assert.match(problem, /^MaxPool2d\(kernel_size=3, stride=3/);
    assert.match(problem, /\(7 − 3 \+ 2·0\)\/3 \+ 1 = 2\.33/);
    assert.match(new nn.AvgPool1d(2).tilingProblem([1, 1, 9])!, /^AvgPool1d.*\(9 − 2 \+ 2·0\)\/2 \+ 1 = 4\.5/);
  });

  it("ceil mode reads every input position (a partial last window), so it is not flagged", () => {
    assert.equal(new nn.MaxPool2d(3, { stride: 3, ceilMode: true }).tilingProblem([1, 1, 7, 7]), null);
  });

  it("adaptive pools, unpooling and channel pools always tile", () => {
    assert.equal(new nn.AdaptiveAvgPool2d(3).tilingProblem([1, 1, 7, 7]), null);
    assert.equal(new nn.FeatureL2Pool(2).tilingProblem([1, 4, 7, 7]), null);
    assert.equal(new nn.Maxout(3).tilingProblem([1, 6]), null);
  });

  it("summary() flags the pooling layer whose window does not tile", () => {
    const net = new nn.Sequential(new nn.MaxPool2d(2), new nn.MaxPool2d(3, { stride: 3 }));
    const rows = nn.summarize(net, [1, 1, 14, 14]).rows;
    assert.deepEqual(rows.map((r) => r.outputShape), [[1, 1, 7, 7], [1, 1, 2, 2]]);
    assert.equal(rows[0].tilingProblem, null);
    assert.match(rows[1].tilingProblem!, /MaxPool2d/);
  });

  it("strict refuses such an input with the same message", () => {
    const pool = new nn.MaxPool2d(3, { stride: 3, strict: true });
    assert.throws(() => pool.forward(randn([1, 1, 7, 7])), /MaxPool2d\(kernel_size=3.*does not tile the 7×7 input/);
    assertShape(pool.forward(randn([1, 1, 9, 9])), [1, 1, 3, 3]);
  });

  it("shape errors name the layer", () => {
    assert.throws(() => new nn.MaxPool2d(2).outputShape([28, 28]), /MaxPool2d: input of shape \[28, 28\] must be \[N, C, H, W\] or \[C, H, W\]/);
    assert.throws(() => new nn.AvgPool2d(2, { padding: 2 }), /AvgPool2d: padding must be at most half the kernel size/);
    assert.throws(() => new nn.AdaptiveAvgPool2d([2, 2, 2]), /AdaptiveAvgPool2d: outputSize must be one number or 2 \(null keeps an input size\), got \[2,2,2\]/);
    assert.throws(() => new nn.FeatureL2Pool(4).forward(randn([1, 6, 2, 2])), /featureL2Pool: input of shape \[1, 6, 2, 2\] must be \[N, C, …\] with C divisible by the group size 4 \(C = 6\)/);
    assert.throws(() => new nn.Maxout(4).outputShape([2, 6]), /Maxout: input of shape \[2, 6\] must be \[N, C, …\] with C divisible by the group size 4/);
    assert.throws(() => new nn.LPPool2d(0, 2), /LPPool2d: the norm p must be a positive number, got 0/);
    assert.throws(() => new nn.LogSumExpPool2d(2, { b: -1 }), /LogSumExpPool2d: the sharpness b must be a positive finite number, got -1/);
  });
});

describe("layer settings print as PyTorch's", () => {
  it("reprs", () => {
    assert.equal(new nn.MaxPool2d(2).toString(), "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)");
    assert.equal(new nn.MaxPool2d(3, { stride: 2, ceilMode: true }).toString(), "MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=True)");
    assert.equal(new nn.AvgPool2d(2).toString(), "AvgPool2d(kernel_size=2, stride=2, padding=0, ceil_mode=False, count_include_pad=True)");
    assert.equal(new nn.MaxUnpool2d(2).toString(), "MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))");
    assert.equal(new nn.AdaptiveAvgPool2d(6).toString(), "AdaptiveAvgPool2d(output_size=6)");
    assert.equal(new nn.AdaptiveAvgPool2d([null, 7]).toString(), "AdaptiveAvgPool2d(output_size=(None, 7))");
  });

  it("pooling layers hold no parameters or buffers", () => {
    for (const layer of [new nn.MaxPool2d(2), new nn.AvgPool2d(2), new nn.LPPool2d(2, 2), new nn.AdaptiveAvgPool2d(1), new nn.StochasticPool2d(2)]) {
      assert.equal(layer.stateDict().size, 0);
    }
  });
});

describe("Lp pooling", () => {
  const x = tensor([[[[0.5, 2], [1, 1.5]]]], { dtype: "float64" });

  it("p = 1 is sum pooling, including negative values", () => {
    const v = randn([2, 3, 4, 6]);
    assertClose(F.lpPool2d(v, 1, 2), F.sumPool2d(v, 2), { atol: 1e-5 });
  });

  it("p = 2 is the Euclidean norm of each window, and large p approaches the max of non-negative values", () => {
    assertClose(F.lpPool2d(x, 2, 2), [Math.sqrt(0.25 + 4 + 1 + 2.25)]);
    const big = F.lpPool2d(x, 100, 2).itemSync();
    assert.ok(big >= 2 && big <= 2 * 4 ** (1 / 100), `(Σx¹⁰⁰)^(1/100) = ${big} is within 4^(1/100) of the max 2`);
  });

  it("in 3d (which PyTorch 1.13 lacks): p = 1 is sum pooling, p = 2 the root of the windows' sums of squares", () => {
    const v = distinct([1, 2, 4, 4, 6]);
    assertClose(new nn.LPPool3d(1, 2).forward(v), F.sumPool3d(v, 2));
    assertClose(F.lpPool3d(v, 2, [2, 2, 3], { stride: 1 }), F.sumPool3d(v.square(), [2, 2, 3], { stride: 1 }).sqrt());
  });

  it("an all-zero window gives 0 with a zero gradient (not NaN)", () => {
    const zero = tensor([[[[0, 0, 1, 2], [0, 0, 3, 4]]]]).requiresGrad_();
    const y = F.lpPool2d(zero, 2, 2);
    assertClose(y, [0, Math.sqrt(30)]);
    y.sum().backward();
    assert.ok(Array.from(zero.grad!.values).every(Number.isFinite));
    assert.deepEqual(Array.from(zero.grad!.values).slice(0, 2), [0, 0]);
  });

  it("passes gradcheck", () => {
    const positive = distinct([1, 2, 4, 6]).abs().add(0.5);
    assert.equal(gradcheck((v) => F.lpPool2d(v, 3, [2, 3]), [positive]), true);
    assert.equal(gradcheck((v) => F.lpPool1d(v, 2, 3, { stride: 2, ceilMode: true }), [distinct([2, 2, 8])]), true);
  });
});

describe("PROB (log-sum-exp) pooling", () => {
  const x = distinct([1, 2, 4, 4]);

  it("approaches max pooling as b grows", () => {
    const max = F.maxPool2d(x, 2);
    assertClose(F.logSumExpPool2d(x, 2, { b: 1000 }), max, { rtol: 0, atol: 2e-3 }); // within log(4)/b
    const gap = F.logSumExpPool2d(x, 2, { b: 1 }).sub(max);
    assert.ok(gap.values.every((v) => v > 0.01), "a soft max exceeds the max at small b");
  });

  it("approaches average pooling as b shrinks (with the mean inside the log, or the plain form less log(n)/b)", () => {
    const avg = F.avgPool2d(x, 2);
    const b = 1e-3;
    assertClose(F.logSumExpPool2d(x, 2, { b, mean: true }), avg, { rtol: 0, atol: 5e-3 });
    assertClose(F.logSumExpPool2d(x, 2, { b }).sub(Math.log(4) / b), avg, { rtol: 0, atol: 5e-3 });
  });

  it("stays finite far from zero: each window is shifted by its own max", () => {
    const far = tensor([[[[1000, 999, -1000, -1001]]]]);
    const y = F.logSumExpPool2d(far, [1, 2], { b: 10 });
    assertClose(y, [1000 + Math.log1p(Math.exp(-10)) / 10, -1000 + Math.log1p(Math.exp(-10)) / 10]);
  });

  it("passes gradcheck, with overlapping windows", () => {
    assert.equal(gradcheck((v) => F.logSumExpPool2d(v, 3, { b: 2, stride: 1 }), [distinct([1, 2, 5, 5])]), true);
  });
});

describe("StochasticPool2d", () => {
  it("samples in training and averages in eval; the Torch7 backward reuses the forward's draws", () => {
    const layer = new nn.StochasticPool2d(2);
    const x = tensor([[[[1, 2, 5, 5], [3, 4, 5, 5]]]]);
    manualSeed(3);
    const y = layer.forward(x);
    assert.ok([1, 2, 3, 4].includes(y.values[0]));
    assert.equal(y.values[1], 5);
    // the gradient lands on the position holding the sampled value, every time
    for (let i = 0; i < 5; i++) {
      const g = layer.backward(x, tensor([[[[1, 0]]]]));
      const picked = Array.from(g.values).findIndex((v) => v === 1);
      assert.equal(x.values[picked], y.values[0]);
    }
    assert.deepEqual(Array.from(layer.eval().forward(x).values), [3, 5]);
  });
});

describe("L2 pooling across feature maps and maxout", () => {
  it("FeatureL2Pool: groups of adjacent channels → √Σx²; a zero group gives 0 with a zero gradient", () => {
    const x = tensor([3, 0, 4, 0, 1, 2, 2, 4], [1, 4, 2]).requiresGrad_(); // channels (3, 0) (4, 0) | (1, 2) (2, 4)
    const y = F.featureL2Pool(x, 2);
    assertClose(y, [5, 0, Math.sqrt(5), Math.sqrt(20)]);
    y.sum().backward();
    assertClose(x.grad!, [0.6, 0, 0.8, 0, 1 / Math.sqrt(5), 2 / Math.sqrt(20), 2 / Math.sqrt(5), 4 / Math.sqrt(20)]);
    assert.equal(gradcheck((v) => F.featureL2Pool(v, 3), [distinct([2, 6, 2, 2])]), true);
  });

  it("Maxout takes the max of each group of pieces", () => {
    const x = tensor([[1, 5, 2, -1, -3, -2]]);
    assert.deepEqual(new nn.Maxout(3).forward(x).toArray(), [[5, -1]]);
    assert.equal(gradcheck((v) => F.maxout(v, 2), [distinct([2, 4, 3, 3])]), true);
  });

  it("MaxoutLinear: unit j is the max over pieces j·k … j·k + k − 1 of one Linear", () => {
    manualSeed(4);
    const layer = new nn.MaxoutLinear(3, 2, 2);
    assert.deepEqual([...layer.stateDict().keys()], ["linear.weight", "linear.bias"]);
    layer.linear.weight.values.set([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
    layer.linear.bias!.values.fill(0);
    assert.deepEqual(layer.forward(tensor([[3, -1, 2]])).toArray(), [[3, 4]]);
    assertShape(layer.forward(randn([5, 3])), [5, 2]);
  });
});
