import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, nn, randn, ShapeError, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadConvFixture, type EncodedTensor } from "./conv-fixture.js";

interface LayerCase {
  layer: "Conv1d" | "Conv2d" | "Conv3d" | "ConvTranspose1d" | "ConvTranspose2d" | "ConvTranspose3d";
  inChannels: number;
  outChannels: number;
  kernelSize: number | number[];
  options: Record<string, unknown>;
  input: EncodedTensor;
  weight: EncodedTensor;
  bias?: EncodedTensor;
  gradOutput: EncodedTensor;
  output: EncodedTensor;
  gradInput: EncodedTensor;
  gradWeight: EncodedTensor;
  gradBias?: EncodedTensor;
}

interface StateDictCase {
  stateDict: Record<string, EncodedTensor>;
  input: EncodedTensor;
  output: EncodedTensor;
}

type AnyConv = nn.ConvNd | nn.ConvTransposeNd;
type ConvClass = new (inChannels: number, outChannels: number, kernelSize: number | number[], options: object) => AnyConv;

function checkAgainstPyTorch(c: LayerCase): void {
  const layer = new (nn[c.layer] as unknown as ConvClass)(c.inChannels, c.outChannels, c.kernelSize, c.options);
  layer.loadStateDict(c.bias ? { weight: decode(c.weight), bias: decode(c.bias) } : { weight: decode(c.weight) });
  const x = decode(c.input).requiresGrad_();
  const y = layer.forward(x);
  assertClose(y, decode(c.output), { message: "output" });
  y.backward(decode(c.gradOutput));
  assertClose(x.grad!, decode(c.gradInput), { message: "gradInput" });
  assertClose(layer.weight.grad!, decode(c.gradWeight), { message: "gradWeight" });
  if (c.gradBias) assertClose(layer.bias!.grad!, decode(c.gradBias), { message: "gradBias" });
  assert.deepEqual(layer.outputShape(c.input.shape), c.output.shape, "outputShape agrees with forward");
  layer.zeroGrad();
  assertClose(layer.backward(decode(c.input), decode(c.gradOutput)), decode(c.gradInput), { message: "Torch7 backward" });
  assertClose(layer.weight.grad!, decode(c.gradWeight), { message: "Torch7 accumulated gradWeight" });
}

const describeCase = (c: LayerCase) => `${c.layer}(${c.inChannels}, ${c.outChannels}, ${JSON.stringify(c.kernelSize)}, ${JSON.stringify(c.options)}) on ${JSON.stringify(c.input.shape)}`;

describe("Conv1d, Conv2d, Conv3d", () => {
  for (const c of loadConvFixture<LayerCase[]>("conv.json")) {
    it(`match PyTorch: ${describeCase(c)}`, () => checkAgainstPyTorch(c));
  }

  it("load a PyTorch convnet's state dict under its own keys and reproduce its output", () => {
    const c = loadConvFixture<StateDictCase>("state_dict.json");
    const net = new nn.Sequential(new nn.Conv2d(1, 4, 5, { padding: 2 }), new nn.ReLU(), new nn.Conv2d(4, 6, 3, { stride: 2, groups: 2 }));
    assert.deepEqual([...net.stateDict().keys()], Object.keys(c.stateDict));
    net.loadStateDict(Object.fromEntries(Object.entries(c.stateDict).map(([k, v]) => [k, decode(v)])));
    assertClose(net.forward(decode(c.input)), decode(c.output));
  });

  it("initialise as PyTorch: weight and bias in U(±1/√fanIn), fanIn = inChannels/groups·∏kernelSize", () => {
    manualSeed(3);
    const layer = new nn.Conv2d(16, 32, 5, { groups: 2 });
    assertShape(layer.weight, [32, 8, 5, 5]);
    const bound = 1 / Math.sqrt(8 * 25);
    for (const p of layer.parameters()) {
      const values = Array.from(p.values);
      assert.ok(values.every((v) => Math.abs(v) <= bound), "inside the bound");
      assert.ok(Math.max(...values) > 0.9 * bound && Math.min(...values) < -0.9 * bound, "and reaching it");
    }
    const w = Array.from(layer.weight.values);
    assertClose(w.reduce((s, v) => s + v * v, 0) / w.length, (bound * bound) / 3, { rtol: 0.05 }); // the variance of U(−b, b) is b²/3
    assert.equal(new nn.Conv1d(2, 3, 3, { bias: false }).bias, null);
    assert.deepEqual(new nn.Conv3d(2, 3, [1, 2, 3]).namedParameters().map(([n, p]) => [n, [...p.shape]]), [["weight", [3, 2, 1, 2, 3]], ["bias", [3]]]);
  });

  it("print as PyTorch does", () => {
    assert.equal(String(new nn.Conv2d(1, 6, 5, { padding: 2 })), "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))");
    assert.equal(
      String(new nn.Conv1d(4, 8, 3, { padding: "same", dilation: 2, groups: 2, bias: false })),
      "Conv1d(4, 8, kernel_size=(3,), stride=(1,), padding=same, dilation=(2,), groups=2, bias=False)",
    );
    assert.equal(String(new nn.ConvTranspose2d(16, 8, 2, { stride: 2, outputPadding: 1 })), "ConvTranspose2d(16, 8, kernel_size=(2, 2), stride=(2, 2), output_padding=(1, 1))");
  });

  it("give output shapes and multiply-adds without running, with or without the batch dimension", () => {
    const conv = new nn.Conv2d(6, 16, 5);
    assert.deepEqual(conv.outputShape([64, 6, 14, 14]), [64, 16, 10, 10]);
    assert.deepEqual(conv.outputShape([6, 14, 14]), [16, 10, 10]);
    assert.equal(conv.multiplyAdds([1, 6, 14, 14]), 16 * 10 * 10 * 6 * 25);
    assert.deepEqual(new nn.Conv2d(3, 8, 4, { padding: "same" }).outputShape([1, 3, 9, 8]), [1, 8, 9, 8]);
    assert.deepEqual(new nn.Conv3d(2, 4, 3, { stride: 2, dilation: [1, 2, 1] }).outputShape([1, 2, 9, 9, 9]), [1, 4, 4, 3, 4]);
    assert.throws(() => conv.outputShape([1, 3, 14, 14]), /Conv2d: input of shape \[1, 3, 14, 14\] has 3 channels, expected 6/);
    assert.throws(() => conv.outputShape([1, 6, 4, 4]), /Conv2d: input of shape \[1, 6, 4, 4\] is smaller than the \[5, 5\] kernel/);
  });

  it("refuse settings PyTorch refuses, naming the layer", () => {
    assert.throws(() => new nn.Conv2d(3, 4, 3, { groups: 2 }), /Conv2d: inChannels \(3\) must be divisible by groups \(2\)/);
    assert.throws(() => new nn.Conv2d(2, 4, 3, { padding: "same", stride: 2 }), /Conv2d: padding "same" needs stride 1/);
    assert.throws(() => new nn.Conv1d(2, 4, 0), /Conv1d: kernelSize must be an integer ≥ 1 or 1 of them/);
    assert.throws(() => new nn.Conv2d(2, 4, [3, 3, 3]), /Conv2d: kernelSize must be an integer ≥ 1 or 2 of them/);
    assert.throws(() => new nn.Conv2d(1, 6, 5).forward(randn([2, 3, 28, 28])), /conv2d: input of shape \[2, 3, 28, 28\] has 3 channels, but weight of shape \[6, 1, 5, 5\]/);
  });
});

describe("tilingProblem and strict", () => {
  const layer = () => new nn.Conv2d(1, 1, 3, { stride: 3 });

  it("name the layer, the sizes and the rule for the lecture's 7×7 input, 3×3 filter, stride 3", () => {
    const problem = layer().tilingProblem([1, 1, 7, 7]);
    assert.ok(problem, "a problem is reported");
    assert.match(problem, /^Conv2d\(1, 1, kernel_size=\(3, 3\), stride=\(3, 3\)\): a 3×3 window with stride 3×3 and padding 0×0 does not tile the 7×7 input/);
    assert.match(problem, /\(N − F \+ 2P\)\/S \+ 1 must be a whole number, but height: \(7 − 3 \+ 2·0\)\/3 \+ 1 = 2\.33; width: \(7 − 3 \+ 2·0\)\/3 \+ 1 = 2\.33/);
    assert.match(problem, /floored to 2×2, so the last 1 row and 1 column of the padded input are never seen/);
  });

  it("strict makes forward throw that message; otherwise the output floors to 2×2 as PyTorch", () => {
    const strict = new nn.Conv2d(1, 1, 3, { stride: 3, strict: true });
    const x = randn([1, 1, 7, 7]);
    assert.throws(() => strict.forward(x), (e: Error) => e instanceof ShapeError && e.message === strict.tilingProblem(x.shape));
    assertShape(layer().forward(x), [1, 1, 2, 2]);
    assertShape(strict.forward(randn([1, 1, 9, 9])), [1, 1, 3, 3]);
  });

  it("is null where the window tiles exactly (with padding, with the LeNet-5 layers)", () => {
    assert.equal(new nn.Conv2d(1, 1, 3, { stride: 3, padding: 1 }).tilingProblem([1, 1, 7, 7]), null); // (7 − 3 + 2)/3 + 1 = 3
    assert.equal(new nn.Conv2d(1, 6, 5, { padding: 2 }).tilingProblem([64, 1, 28, 28]), null);
    assert.equal(new nn.Conv2d(6, 16, 5).tilingProblem([6, 14, 14]), null);
    assert.equal(new nn.Conv2d(2, 2, 4, { padding: "same" }).tilingProblem([1, 2, 7, 6]), null);
  });

  it("reports only the dimensions that do not fit, with dilation and per-dimension names", () => {
    const problem = new nn.Conv3d(1, 1, 3, { stride: [1, 2, 2], dilation: [1, 2, 1] }).tilingProblem([1, 1, 5, 8, 7]);
    assert.ok(problem);
    assert.match(problem, /a 3×5×3 window \(a 3×3×3 kernel dilated by 1×2×1\) with stride 1×2×2/);
    assert.match(problem, /but height: \(8 − 5 \+ 2·0\)\/2 \+ 1 = 2\.5\./);
    assert.doesNotMatch(problem, /depth:|width:/);
    assert.match(new nn.Conv1d(1, 1, 2, { stride: 2 }).tilingProblem([1, 1, 7]) ?? "", /length: \(7 − 2 \+ 2·0\)\/2 \+ 1 = 3\.5\. The output is floored to 3, so the last 1 element/);
  });

  it("is exported for pooling layers as windowTilingProblem", () => {
    const message = nn.windowTilingProblem("MaxPool2d(kernel_size=2)", [1, 3, 5, 4], { kernel: [2, 2], stride: [2, 2], padding: [0, 0] });
    assert.match(message ?? "", /^MaxPool2d\(kernel_size=2\): a 2×2 window with stride 2×2 and padding 0×0 does not tile the 5×4 input: .* height: \(5 − 2 \+ 2·0\)\/2 \+ 1 = 2\.5\./);
    assert.equal(nn.windowTilingProblem("AvgPool2d", [1, 3, 6, 4], { kernel: [2, 2], stride: [2, 2], padding: [0, 0] }), null);
  });
});

describe("ConvTranspose1d, ConvTranspose2d, ConvTranspose3d", () => {
  for (const c of loadConvFixture<LayerCase[]>("conv_transpose.json")) {
    it(`match PyTorch: ${describeCase(c)}`, () => checkAgainstPyTorch(c));
  }

  it("lay the weight out [inChannels, outChannels/groups, …kernel] and undo a strided conv's size", () => {
    const up = new nn.ConvTranspose2d(8, 4, 3, { stride: 2, padding: 1, outputPadding: 1, groups: 2 });
    assertShape(up.weight, [8, 2, 3, 3]);
    assertShape(up.forward(randn([2, 8, 7, 7])), [2, 4, 14, 14]);
    assert.deepEqual(up.outputShape([8, 7, 7]), [4, 14, 14]);
    assert.equal(up.tilingProblem([2, 8, 7, 7]), null);
    assert.throws(() => up.tilingProblem([2, 4, 7, 7]), /ConvTranspose2d: input of shape \[2, 4, 7, 7\] has 4 channels, expected 8/);
    assert.throws(() => new nn.ConvTranspose2d(4, 4, 3, { stride: 2, outputPadding: 2 }), /ConvTranspose2d: outputPadding \(2, 2\) must be smaller than the stride or the dilation/);
  });
});
