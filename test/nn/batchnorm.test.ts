import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enableGrad, grad } from "../../src/autograd/index.js";
import { Generator, gradcheck, manualSeed, mul, nn, randn, sum, tensor, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadFixture, type EncodedTensor } from "./fixture.js";

const F = nn.functional;
const f64 = { dtype: "float64" } as const;

interface Step {
  input: EncodedTensor;
  gradOutput: EncodedTensor;
  output: EncodedTensor;
  gradInput: EncodedTensor;
  gradWeight?: EncodedTensor;
  gradBias?: EncodedTensor;
}

interface BatchNormCase {
  module: "BatchNorm1d" | "BatchNorm2d";
  numFeatures: number;
  options: nn.BatchNormLayerOptions;
  initialState: Record<string, EncodedTensor>;
  steps: Step[];
  finalState: Record<string, EncodedTensor>;
  eval: Step;
}

const cases = loadFixture<BatchNormCase[]>("../norm/batchnorm.json");
const decodeState = (state: Record<string, EncodedTensor>) => Object.fromEntries(Object.entries(state).map(([k, t]) => [k, decode(t)]));
const build = (c: BatchNormCase) => new nn[c.module](c.numFeatures, c.options);

/** Forward and backward one fixture step through the layer, checking output and every gradient. */
function checkStep(layer: nn.Module, step: Step, label: string): void {
  layer.zeroGrad();
  const x = decode(step.input).requiresGrad_();
  const y = layer.forward(x);
  assertClose(y, decode(step.output), { message: `${label} output` });
  y.backward(decode(step.gradOutput));
  assertClose(x.grad!, decode(step.gradInput), { message: `${label} gradInput` });
  const [weight, bias] = layer.parameters();
  if (step.gradWeight) assertClose(weight.grad!, decode(step.gradWeight), { message: `${label} gradWeight` });
  if (step.gradBias) assertClose(bias.grad!, decode(step.gradBias), { message: `${label} gradBias` });
}

describe("BatchNorm matches PyTorch (three training steps, running statistics, then evaluation)", () => {
  for (const c of cases) {
    it(`${c.module}(${c.numFeatures}, ${JSON.stringify(c.options)}) on ${JSON.stringify(c.steps[0].input.shape)}`, () => {
      const layer = build(c);
      layer.loadStateDict(decodeState(c.initialState));
      c.steps.forEach((step, i) => checkStep(layer, step, `training step ${i + 1}`));
      const state = layer.stateDict();
      assert.deepEqual([...state.keys()], Object.keys(c.finalState), "state-dict keys and order");
      for (const [key, value] of Object.entries(c.finalState)) assertClose(state.get(key)!, decode(value), { message: key });
      layer.eval();
      checkStep(layer, c.eval, "eval");
    });
  }

  it("loads a state dict saved by PyTorch's BatchNorm2d and evaluates with its running statistics", () => {
    const c = cases.find((k) => k.module === "BatchNorm2d" && Object.keys(k.options).length === 0)!;
    const layer = new nn.BatchNorm2d(c.numFeatures).eval();
    layer.loadStateDict(decodeState(c.finalState));
    assertClose(layer.forward(decode(c.eval.input)), decode(c.eval.output));
    assert.equal(layer.getBuffer("num_batches_tracked").values[0], 3);
  });
});

describe("BatchNorm behaviour", () => {
  it("normalises each channel to mean β and standard deviation γ in training", () => {
    manualSeed(3);
    const layer = new nn.BatchNorm2d(2);
    layer.weight!.values.set([2, 0.5]);
    layer.bias!.values.set([1, -3]);
    const y = layer.forward(randn([8, 2, 5, 5], { mean: 4, std: 3 }));
    const mean = y.mean([0, 2, 3]);
    const std = y.var([0, 2, 3], { correction: 0 }).sqrt();
    assertClose(mean, [1, -3], { atol: 1e-5 });
    assertClose(std, [2, 0.5], { rtol: 1e-4 }); // eps = 1e-5 against a variance of ~9 shifts it by ~5e-7
  });

  it("uses the running statistics in eval mode, not the batch's", () => {
    const layer = new nn.BatchNorm1d(2).eval();
    layer.getBuffer("running_mean").values.set([1, -1]);
    layer.getBuffer("running_var").values.set([4, 0.25]);
    const y = layer.forward(tensor([[3, -1], [1, 0]]));
    // (x − μ)/√(σ² + 1e-5) with the running μ, σ²: a batch of two would have normalised to ±1 instead
    assertClose(y, [2 / Math.sqrt(4 + 1e-5), 0, 0, 1 / Math.sqrt(0.25 + 1e-5)]);
    assert.equal(layer.getBuffer("num_batches_tracked").values[0], 0, "eval leaves the running statistics alone");
  });

  it("updates running averages with momentum and the unbiased variance", () => {
    const layer = new nn.BatchNorm1d(1, { momentum: 0.5 });
    layer.forward(tensor([[1], [3]])); // mean 2, unbiased variance 2
    assertClose(layer.getBuffer("running_mean"), [0.5 * 0 + 0.5 * 2]);
    assertClose(layer.getBuffer("running_var"), [0.5 * 1 + 0.5 * 2]);
  });

  it("with momentum null keeps the cumulative average of the batch statistics", () => {
    const layer = new nn.BatchNorm1d(1, { momentum: null });
    for (const batch of [[[0], [2]], [[4], [6]], [[8], [10]]]) layer.forward(tensor(batch));
    assertClose(layer.getBuffer("running_mean"), [(1 + 5 + 9) / 3]);
    assertClose(layer.getBuffer("running_var"), [2]); // each batch's unbiased variance is 2
    assert.equal(layer.getBuffer("num_batches_tracked").values[0], 3);
  });

  it("without trackRunningStats has no buffers and uses batch statistics in eval too", () => {
    const layer = new nn.BatchNorm1d(1, { trackRunningStats: false }).eval();
    assert.deepEqual([...layer.stateDict().keys()], ["weight", "bias"]);
    assertClose(layer.forward(tensor([[1], [3]])), [-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5)]);
  });

  it("without affine has no parameters", () => {
    const layer = new nn.BatchNorm2d(3, { affine: false });
    assert.equal(layer.parameters().length, 0);
    assert.deepEqual([...layer.stateDict().keys()], ["running_mean", "running_var", "num_batches_tracked"]);
  });

  it("Torch7 backward re-runs forward without counting the batch twice", () => {
    const layer = new nn.BatchNorm1d(3);
    const x = randn([4, 3]);
    layer.forward(x);
    const before = layer.stateDict();
    const gradInput = layer.backward(x, randn([4, 3]));
    assertShape(gradInput, [4, 3]);
    for (const [key, value] of layer.stateDict()) assert.deepEqual(value.values, before.get(key)!.values, `${key} unchanged`);
  });

  it("prints its settings with PyTorch's names", () => {
    assert.match(String(new nn.BatchNorm2d(16)), /^BatchNorm2d\(16, eps=\S+, momentum=0.1, affine=True, track_running_stats=True\)$/);
    assert.match(String(new nn.BatchNorm1d(4, { momentum: null, affine: false })), /BatchNorm1d\(4, .*momentum=None, affine=False/);
  });
});

describe("BatchNorm gradients", () => {
  const train = (x: Tensor, w: Tensor, b: Tensor) => F.batchNorm(x, null, null, { weight: w, bias: b, training: true });

  it("training mode passes gradcheck in input, weight and bias ([N, C, H, W] and [N, C])", () => {
    assert.equal(gradcheck(train, [randn([3, 2, 2, 3], f64), randn([2], f64), randn([2], f64)]), true);
    assert.equal(gradcheck(train, [randn([5, 3], f64), randn([3], f64), randn([3], f64)]), true);
    assert.equal(gradcheck((x) => F.batchNorm(x, null, null, { training: true }), [randn([4, 2, 3], f64)]), true);
  });

  it("evaluation mode passes gradcheck in input, weight and bias", () => {
    const runningMean = tensor([0.3, -0.2], f64);
    const runningVar = tensor([1.5, 0.7], f64);
    const evaluate = (x: Tensor, w: Tensor, b: Tensor) => F.batchNorm(x, runningMean, runningVar, { weight: w, bias: b });
    assert.equal(gradcheck(evaluate, [randn([2, 2, 3], f64), randn([2], f64), randn([2], f64)]), true);
  });

  it("gradients of gradients pass gradcheck (the backward is differentiable)", () => {
    const v = randn([3, 2, 2, 2], { ...f64, generator: new Generator(5) });
    const gradOf = (which: 0 | 1) => (x: Tensor, w: Tensor, b: Tensor) =>
      enableGrad(() => grad(sum(mul(train(x, w, b), v)), [x, w], { createGraph: true })[which]);
    const inputs = [randn([3, 2, 2, 2], f64), randn([2], f64), randn([2], f64)];
    assert.equal(gradcheck(gradOf(0), inputs), true);
    assert.equal(gradcheck(gradOf(1), inputs), true);
  });
});

describe("BatchNorm errors", () => {
  it("names the layer, the shape it got and what it expected", () => {
    assert.throws(() => new nn.BatchNorm2d(3).forward(randn([2, 3, 4])), /BatchNorm2d: expected an \[N, C, H, W\] input with C = 3, got shape \[2, 3, 4\]/);
    assert.throws(() => new nn.BatchNorm1d(4).forward(randn([2, 3])), /BatchNorm1d: expected a \[N, C\] or \[N, C, L\] input with C = 4, got shape \[2, 3\]/);
    assert.throws(() => new nn.BatchNorm1d(3).forward(randn([1, 3])), /batchNorm: expected more than 1 value per channel when training, got input of shape \[1, 3\]/);
    assert.throws(() => F.batchNorm(randn([2, 3]), null, null), /evaluation mode \(training false\) needs runningMean and runningVar/);
    assert.throws(() => F.batchNorm(randn([2, 3]), null, null, { training: true, weight: randn([4]) }), /weight must have shape \[3\] .* got \[4\]/);
    assert.throws(() => new nn.BatchNorm2d(0), /numFeatures must be a positive integer, got 0/);
    assert.throws(() => new nn.BatchNorm2d(3, { momentum: 2 }), /momentum must be in \[0, 1\] or null, got 2/);
  });
});
