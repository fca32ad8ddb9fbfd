import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, nn, randn, ShapeError, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { checkAgainstTorch, loadExtra, title } from "./extra-fixture.js";
import { decode } from "./fixture.js";

const F = nn.functional;

/** The layer a fixture case names, built with its options. */
function build(name: string, o: Record<string, never>): nn.LayerNorm | nn.GroupNorm {
  if (name === "LayerNorm") return new nn.LayerNorm(o.normalizedShape, { eps: o.eps, elementwiseAffine: o.elementwiseAffine });
  return new nn.GroupNorm(o.numGroups, o.numChannels, { eps: o.eps, affine: o.affine });
}

describe("LayerNorm and GroupNorm match PyTorch (outputs, gradients for input, weight and bias)", () => {
  for (const c of loadExtra("norms.json")) {
    const o = c.options as Record<string, never>;
    it(`functional ${title(c)}`, () => {
      checkAgainstTorch(c, (x, weight, bias) =>
        c.name === "LayerNorm" ? F.layerNorm(x, o.normalizedShape, { weight, bias, eps: o.eps }) : F.groupNorm(x, o.numGroups, { weight, bias, eps: o.eps }),
      );
    });

    it(`layer ${title(c)}: its parameters get PyTorch's gradients`, () => {
      const layer = build(c.name, o);
      const [input, weight, bias] = c.inputs.map(decode);
      if (weight) layer.loadStateDict({ weight, bias });
      else assert.deepEqual(layer.parameters(), [], "no affine parameters");
      const y = layer.forward(input.requiresGrad_());
      assertClose(y, decode(c.output), { message: "output" });
      y.backward(decode(c.gradOutput!));
      assertClose(input.grad!, decode(c.grads[0]!), { message: "input gradient" });
      if (weight) {
        assertClose(layer.weight!.grad!, decode(c.grads[1]!), { message: "weight gradient" });
        assertClose(layer.bias!.grad!, decode(c.grads[2]!), { message: "bias gradient" });
      }
    });
  }
});

describe("layerNorm and groupNorm pass gradcheck (float64: input, weight and bias)", () => {
  const f64 = { dtype: "float64" } as const;
  it("layerNorm over the last two dimensions", () => {
    const fn = (x: Tensor, w: Tensor, b: Tensor) => F.layerNorm(x, [2, 3], { weight: w, bias: b });
    assert.equal(gradcheck(fn, [randn([2, 2, 3], f64), randn([2, 3], f64), randn([2, 3], f64)]), true);
  });

  it("groupNorm, 2 groups of 2 channels", () => {
    const fn = (x: Tensor, w: Tensor, b: Tensor) => F.groupNorm(x, 2, { weight: w, bias: b, eps: 1e-3 });
    assert.equal(gradcheck(fn, [randn([2, 4, 3], f64), randn([4], f64), randn([4], f64)]), true);
  });
});

describe("layerNorm and groupNorm errors name the shapes", () => {
  it("trailing dimensions that are not normalizedShape", () => {
    assert.throws(() => new nn.LayerNorm([3, 4]).forward(randn([2, 4, 3])), (e: Error) =>
      e instanceof ShapeError && /trailing dimensions must equal normalizedShape \[3, 4\], got input of shape \[2, 4, 3\]/.test(e.message));
    assert.throws(() => F.layerNorm(randn([4]), [2, 4]), /normalizedShape \[2, 4\], got input of shape \[4\]/);
    assert.throws(() => F.layerNorm(randn([2, 4]), [4], { weight: randn([2, 4]) }), /weight must have shape \[4\] \(normalizedShape\), got \[2, 4\]/);
  });

  it("channels not divisible by the groups", () => {
    assert.throws(() => new nn.GroupNorm(4, 6), /GroupNorm: 6 channels \(numChannels\) cannot be split into 4 equal groups/);
    assert.throws(() => F.groupNorm(randn([2, 5, 3]), 2), /groupNorm: 5 channels \(the input of shape \[2, 5, 3\]\) cannot be split into 2 equal groups/);
    assert.throws(() => F.groupNorm(randn([2, 4, 3]), 2, { bias: randn([2]) }), /bias must have shape \[4\] \(one per channel\), got \[2\]/);
  });

  it("layers print their settings as PyTorch does", () => {
    assert.equal(new nn.LayerNorm(8).toString(), "LayerNorm((8,), eps=0.00001, elementwise_affine=True)");
    assert.equal(new nn.GroupNorm(2, 6, { affine: false }).toString(), "GroupNorm(2, 6, eps=0.00001, affine=False)");
  });
});
