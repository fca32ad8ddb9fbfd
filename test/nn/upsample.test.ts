import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, interpolate, nn, randn, tensor, type InterpolateOptions, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadConvFixture, type EncodedTensor } from "./conv-fixture.js";

interface UpsampleCase {
  options: InterpolateOptions;
  input: EncodedTensor;
  output: EncodedTensor;
  gradOutput: EncodedTensor;
  gradInput: EncodedTensor;
}

const f64 = { dtype: "float64" } as const;

describe("Upsample", () => {
  for (const c of loadConvFixture<UpsampleCase[]>("upsample.json")) {
    it(`matches PyTorch: ${JSON.stringify(c.options)} on ${JSON.stringify(c.input.shape)} (output and input gradient)`, () => {
      const layer = new nn.Upsample(c.options);
      const x = decode(c.input).requiresGrad_();
      const y = layer.forward(x);
      assertClose(y, decode(c.output));
      y.backward(decode(c.gradOutput));
      assertClose(x.grad!, decode(c.gradInput));
      assert.deepEqual(layer.outputShape(c.input.shape), c.output.shape);
    });
  }

  it("nearest ×2 repeats each pixel in a 2×2 block; bilinear with alignCorners keeps the corners", () => {
    const x = tensor([[[[1, 2], [3, 4]]]]);
    assert.deepEqual(interpolate(x, { scaleFactor: 2 }).toArray(), [[[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]]]);
    assert.deepEqual(interpolate(x, { size: 3, mode: "bilinear", alignCorners: true }).toArray(), [[[[1, 1.5, 2], [2, 2.5, 3], [3, 3.5, 4]]]]);
  });

  const cases: [string, number[], InterpolateOptions][] = [
    ["nearest, non-integer scale", [1, 2, 3, 4], { scaleFactor: [1.5, 2] }],
    ["bilinear", [1, 2, 3, 4], { size: [5, 7], mode: "bilinear" }],
    ["bilinear, alignCorners", [1, 2, 3, 4], { size: [5, 7], mode: "bilinear", alignCorners: true }],
    ["bilinear, downsampling", [1, 1, 6, 5], { size: [4, 2], mode: "bilinear" }],
    ["linear", [2, 2, 4], { scaleFactor: 2.5, mode: "linear" }],
    ["trilinear", [1, 1, 2, 3, 2], { scaleFactor: 2, mode: "trilinear" }],
  ];
  for (const [name, shape, options] of cases) {
    it(`passes gradcheck: ${name}`, () => {
      assert.equal(gradcheck((x: Tensor) => interpolate(x, options), [randn(shape, f64)]), true);
    });
  }

  it("prints as PyTorch and explains bad settings", () => {
    assert.equal(String(new nn.Upsample({ scaleFactor: 2 })), "Upsample(scale_factor=2.0, mode='nearest')");
    assert.equal(String(new nn.Upsample({ size: [56, 56], mode: "bilinear" })), "Upsample(size=(56, 56), mode='bilinear')");
    assert.throws(() => new nn.Upsample({}), /Upsample: give exactly one of size and scaleFactor/);
    assert.throws(() => new nn.Upsample({ scaleFactor: 2, alignCorners: true }), /alignCorners applies to the linear modes only/);
    assert.throws(() => interpolate(randn([1, 2, 3]), { scaleFactor: 2, mode: "bilinear" }), /interpolate: mode "bilinear" needs a 4-D input, got shape \[1, 2, 3\] \(use "linear"\)/);
    assert.throws(() => interpolate(randn([1, 2]), { scaleFactor: 2 }), /interpolate: input must be \[N, C, …spatial\] with 1 to 3 spatial dimensions, got shape \[1, 2\]/);
    assert.throws(() => interpolate(randn([1, 1, 3, 3]), { scaleFactor: 0.2 }), /interpolate: scaleFactor 0.2 shrinks spatial size \[3, 3\] to nothing/);
    assertShape(nn.functional.interpolate(randn([1, 1, 3, 3]), { size: [4, 6] }), [1, 1, 4, 6]);
  });
});
