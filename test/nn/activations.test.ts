import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, nn, randn, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { decode, loadFixture, type EncodedTensor } from "./fixture.js";

const F = nn.functional;

interface ActivationCase {
  module: string;
  options: Record<string, number>;
  input: EncodedTensor;
  gradOutput: EncodedTensor;
  output: EncodedTensor;
  gradInput: EncodedTensor;
  weight?: EncodedTensor;
  gradWeight?: EncodedTensor;
}

/** The module a fixture case names, built with its options (camelCase, as the script writes them). */
function build({ module, options: o }: ActivationCase): nn.Module {
  switch (module) {
    case "ReLU": return new nn.ReLU();
    case "Tanh": return new nn.Tanh();
    case "Sigmoid": return new nn.Sigmoid();
    case "Abs": return new nn.Abs();
    case "LeakyReLU": return new nn.LeakyReLU(o.negativeSlope);
    case "ELU": return new nn.ELU(o.alpha);
    case "Softplus": return new nn.Softplus(o.beta, o.threshold);
    case "Softshrink": return new nn.Softshrink(o.lambda);
    case "Softmax": return new nn.Softmax(o.dim);
    case "LogSoftmax": return new nn.LogSoftmax(o.dim);
    case "PReLU": return new nn.PReLU(o.numParameters);
    default: throw new Error(`no such activation in the fixture: ${module}`);
  }
}

describe("activations match PyTorch (outputs and gradients, kinks included)", () => {
  for (const c of loadFixture<ActivationCase[]>("activations.json")) {
    it(`${c.module}(${JSON.stringify(c.options)})`, () => {
      const module = build(c);
      if (c.weight) module.loadStateDict({ weight: decode(c.weight) });
      const x = decode(c.input).requiresGrad_();
      const y = module.forward(x);
      assertClose(y, decode(c.output), { message: "output" });
      y.backward(decode(c.gradOutput));
      assertClose(x.grad!, decode(c.gradInput), { message: "autograd gradInput" });

      module.zeroGrad();
      const torch7 = module.backward(decode(c.input), decode(c.gradOutput));
      assertClose(torch7, decode(c.gradInput), { message: "Torch7 backward gradInput" });
      if (c.gradWeight) assertClose(module.parameters()[0].grad!, decode(c.gradWeight), { message: "gradWeight" });
    });
  }
});

describe("activations pass gradcheck (float64, away from the kinks)", () => {
  // inputs kept off 0 and ±λ where the derivative jumps; finite differences there are meaningless
  const x = tensor([[-2.1, -0.7, -0.3, 0.2, 0.6, 1.9], [3.1, -4.2, 0.9, -1.3, 25.5, -0.05]], { dtype: "float64" });
  const cases: [string, (x: Tensor) => Tensor][] = [
    ["leakyRelu", (t) => F.leakyRelu(t, 0.1)],
    ["elu", (t) => F.elu(t, 0.7)],
    ["softplus", (t) => F.softplus(t, 1.5, 10)],
    ["softShrink", (t) => F.softShrink(t, 0.5)],
    ["softmax", (t) => F.softmax(t, 0)],
    ["logSoftmax", (t) => F.logSoftmax(t, 1)],
  ];
  for (const [name, fn] of cases) it(name, () => assert.equal(gradcheck(fn, [x]), true));

  it("prelu, with respect to input and per-channel slopes", () => {
    const input = tensor([[[-1.5, 0.4], [2.2, -0.3], [-0.8, -2.5]]], { dtype: "float64" });
    assert.equal(gradcheck(F.prelu, [input, tensor([0.1, 0.25, -0.2], { dtype: "float64" })]), true);
  });
});

describe("activation errors", () => {
  it("prelu names the slopes and the channels it got", () => {
    assert.throws(() => F.prelu(randn([2, 4]), randn([3])), /prelu: weight holds 3 slopes, one per channel, but the input of shape \[2, 4\] has 4 channels/);
    assert.throws(() => new nn.PReLU(0), /numParameters must be a positive integer/);
  });

  it("softShrink refuses a negative lambda", () => {
    assert.throws(() => new nn.Softshrink(-1), /lambda must be non-negative, got -1/);
  });

  it("modules print their settings as PyTorch does", () => {
    assert.equal(new nn.LeakyReLU(0.2).toString(), "LeakyReLU(negative_slope=0.2)");
    assert.equal(new nn.ELU().toString(), "ELU(alpha=1.0)");
    assert.equal(new nn.PReLU(3).toString(), "PReLU(num_parameters=3)");
    assert.equal(new nn.Softmax(1).toString(), "Softmax(dim=1)");
  });
});
