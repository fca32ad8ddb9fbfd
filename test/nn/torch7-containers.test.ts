import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concat, gradcheck, manualSeed, nn, onesLike, randn, select, sum, tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";

describe("nn.Concat", () => {
  it("applies every module to the same input and concatenates along dim", () => {
    manualSeed(0);
    const a = new nn.Linear(4, 3);
    const b = new nn.Linear(4, 2);
    const net = new nn.Concat(1, a, new nn.Identity()).add(b);
    const x = randn([5, 4]);
    const y = net.forward(x);
    assertShape(y, [5, 9]);
    assert.deepEqual(Array.from(y.values), Array.from(concat([a.forward(x), x, b.forward(x)], 1).values));
    assert.deepEqual(net.namedParameters().map(([name]) => name), ["0.weight", "0.bias", "2.weight", "2.bias"]);
    assert.deepEqual(net.outputShape([5, 4]), [5, 9]);
  });

  it("sums the branches' gradients into the input", () => {
    manualSeed(1);
    const net = new nn.Concat(-1, new nn.Linear(3, 2), new nn.Tanh(), new nn.Sigmoid());
    const x = randn([2, 3]).requiresGrad_();
    sum(net.forward(x)).backward();
    const t = Math.tanh(x.values[0]);
    const s = 1 / (1 + Math.exp(-x.values[0]));
    const w = net.branches[0] as nn.Linear;
    assertClose(x.grad!.values[0], w.weight.values[0] + w.weight.values[3] + (1 - t * t) + s * (1 - s), { rtol: 1e-5 });
    assertClose(net.backward(x.detach(), onesLike(net.forward(x))), x.grad!, { rtol: 1e-6 }); // Torch7's backward(input, gradOutput)
    assert.equal(gradcheck((v) => net.forward(v), [randn([2, 3])], { atol: 1e-4 }), true);
  });

  it("names the branch whose output does not fit, and refuses to run empty", () => {
    const net = new nn.Concat(1, new nn.Linear(4, 3), new nn.Flatten(0));
    assert.throws(() => net.forward(randn([2, 4])), /^ShapeError: Concat: branch 1's output \[8\] and branch 0's \[2, 3\] differ outside dim 1, so they cannot be concatenated along it$/);
    assert.throws(() => new nn.Concat(0).forward(randn([2])), /Concat: has no modules; pass them to the constructor or add\(\) them/);
    assert.throws(() => new nn.Concat(1.5), /Concat: dim must be an integer/);
    assert.throws(() => new nn.Concat(0).add({} as nn.Module), /Concat\.add: expected a Module, got object/);
  });
});

describe("nn.Parallel", () => {
  it("gives module i the i-th slice along inputDim and concatenates along outputDim", () => {
    manualSeed(2);
    const a = new nn.Linear(3, 4);
    const b = new nn.Linear(3, 2);
    const net = new nn.Parallel(1, 1, a, b);
    const x = randn([5, 2, 3]);
    const y = net.forward(x);
    assertShape(y, [5, 6]);
    assert.deepEqual(Array.from(y.values), Array.from(concat([a.forward(select(x, 1, 0)), b.forward(select(x, 1, 1))], 1).values));
    assert.deepEqual(net.outputShape([5, 2, 3]), [5, 6]);
    assert.equal(net.toString().split("\n")[0], "Parallel(");
    assert.match(net.toString(), /input_dim=1, output_dim=1/);
  });

  it("routes each slice's gradient to its own module (Torch7's example: Parallel(2, 1) on a 10×2 input)", () => {
    const net = new nn.Parallel(1, 0, new nn.Tanh(), new nn.Sigmoid());
    const x = tensor([[0.5, -1], [2, 0.25]]).requiresGrad_();
    const y = net.forward(x);
    assertShape(y, [4]);
    sum(y).backward();
    const dTanh = (v: number) => 1 - Math.tanh(v) ** 2;
    const dSigmoid = (v: number) => Math.exp(-v) / (1 + Math.exp(-v)) ** 2;
    assertClose(x.grad!, [dTanh(0.5), dSigmoid(-1), dTanh(2), dSigmoid(0.25)], { rtol: 1e-5 });
    assert.equal(gradcheck((v) => net.forward(v), [randn([3, 2])]), true);
  });

  it("needs one module per slice, and names the shapes when there are not", () => {
    const net = new nn.Parallel(0, 0, new nn.Tanh(), new nn.Tanh());
    assert.throws(
      () => net.forward(randn([3, 4])),
      /^ShapeError: Parallel: the input \[3, 4\] has 3 slices along inputDim 0, but there are 2 modules; it needs one module per slice$/,
    );
    assert.throws(() => net.outputShape([1, 4]), /has 1 slices along inputDim 0, but there are 2 modules/);
    const mismatched = new nn.Parallel(0, 0, new nn.Linear(2, 3), new nn.Identity());
    assert.throws(() => mismatched.forward(randn([2, 4, 2])), /Parallel: branch 1's output \[4, 2\] and branch 0's \[4, 3\] differ outside dim 0/);
  });
});
