/**
 * withReluGradient: the standard, guided and deconvnet rules for ReLU's backward, exactly, on small
 * tensors and through nn.Sequential's fused Linear+ReLU and Conv+ReLU kernels; and the scope itself.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conv, flatten, grad, manualSeed, nn, randn, relu, reluGradientRule, sum, tensor, withReluGradient, type ReluGradientRule, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

const { linear } = nn.functional;
const RULES: ReluGradientRule[] = ["standard", "guided", "deconvnet"];

/** dOut/dx under `rule`, with `gradOut` as the upstream gradient. */
function inputGradient(rule: ReluGradientRule, x: Tensor, out: (x: Tensor) => Tensor, gradOut?: Tensor): number[] {
  const leaf = x.detach().requiresGrad_();
  return Array.from(withReluGradient(rule, () => grad(out(leaf), [leaf], { gradOutput: gradOut }))[0].values);
}

describe("withReluGradient", () => {
  it("carries a gradient across relu by each rule", () => {
    const x = tensor([-2, -1, 0.5, 3]);
    const upstream = tensor([1, -1, -2, 4]);
    assert.deepEqual(inputGradient("standard", x, relu, upstream), [0, 0, -2, 4], "g where x > 0");
    assert.deepEqual(inputGradient("guided", x, relu, upstream), [0, 0, 0, 4], "g where x > 0 and g > 0");
    assert.deepEqual(inputGradient("deconvnet", x, relu, upstream), [1, 0, 0, 4], "max(g, 0), whatever x");
  });

  it("reaches the fused Linear+ReLU kernel of nn.Sequential (worked example)", () => {
    // h = W1·x = [1, 2, −1] (the third unit is off); the output's gradient at h is W2 = [2, −3, 5]
    const model = new nn.Sequential(new nn.Linear(2, 3, { bias: false }), new nn.ReLU(), new nn.Linear(3, 1, { bias: false }));
    model.loadStateDict({ "0.weight": tensor([[1, 0], [0, 1], [1, -1]]), "2.weight": tensor([[2, -3, 5]]) });
    const x = tensor([[1, 2]]);
    const out = model.forward(x.detach().requiresGrad_());
    assert.equal(out.gradFn?.inputs[0].gradFn?.name, "linearRelu", "Sequential ran the fused kernel");
    const forward = (leaf: Tensor) => sum(model.forward(leaf));
    // standard: W1ᵀ·[2, −3, 0]; guided: W1ᵀ·[2, 0, 0]; deconvnet: W1ᵀ·[2, 0, 5]
    assert.deepEqual(inputGradient("standard", x, forward), [2, -3]);
    assert.deepEqual(inputGradient("guided", x, forward), [2, 0]);
    assert.deepEqual(inputGradient("deconvnet", x, forward), [7, -5]);
  });

  it("gives the fused Conv+ReLU and Linear+ReLU the same gradients as the separate ops, under every rule", () => {
    manualSeed(7);
    const model = new nn.Sequential(new nn.Conv2d(2, 3, 3), new nn.ReLU(), new nn.Flatten(), new nn.Linear(3 * 4 * 4, 5), new nn.ReLU(), new nn.Linear(5, 2));
    const [c, , , l1, , l2] = [...model] as [nn.Conv2d, nn.Module, nn.Module, nn.Linear, nn.Module, nn.Linear];
    const separate = (x: Tensor) => sum(linear(relu(linear(flatten(relu(conv(x, c.weight, c.bias)), 1), l1.weight, l1.bias)), l2.weight, l2.bias));
    const x = randn([2, 2, 6, 6]);
    const perRule = RULES.map((rule) => {
      const fused = inputGradient(rule, x, (leaf) => sum(model.forward(leaf)));
      assertClose(fused, inputGradient(rule, x, separate), { rtol: 1e-5, atol: 1e-6, message: rule });
      return fused;
    });
    assert.notDeepEqual(perRule[0], perRule[1], "guided differs from standard here");
    assert.notDeepEqual(perRule[0], perRule[2], "deconvnet differs from standard here");
  });

  it("applies the rule in force when backward runs, not when the forward ran", () => {
    const leaf = tensor([-1, 2]).requiresGrad_();
    const y = relu(leaf);
    const [g] = withReluGradient("deconvnet", () => grad(y, [leaf], { gradOutput: tensor([3, -4]) }));
    assert.deepEqual(Array.from(g.values), [3, 0]);
  });

  it("restores the previous rule on return, on throw and when nested", () => {
    assert.equal(reluGradientRule(), "standard");
    withReluGradient("guided", () => {
      withReluGradient("deconvnet", () => assert.equal(reluGradientRule(), "deconvnet"));
      assert.equal(reluGradientRule(), "guided");
    });
    assert.throws(() => withReluGradient("guided", () => {
      throw new Error("boom");
    }), /boom/);
    assert.equal(reluGradientRule(), "standard");
  });

  it("refuses an unknown rule and an async function", () => {
    assert.throws(() => withReluGradient("leaky" as ReluGradientRule, () => 0), /rule must be one of "standard", "guided", "deconvnet", got "leaky"/);
    assert.throws(() => withReluGradient("guided", async () => 0), /synchronous function/);
    assert.equal(reluGradientRule(), "standard");
  });
});
