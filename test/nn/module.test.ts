import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, nn, randn, tensor, zeros, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadFixture, type EncodedTensor } from "./fixture.js";

/** A user-defined model in the PyTorch style: sub-modules and parameters as properties. */
class TwoTower extends nn.Module {
  features = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(8, 6));
  heads = [new nn.Linear(6, 2), new nn.Linear(6, 3, { bias: false })];
  scale = new nn.Parameter(tensor([1.5]));
  notAParameter = zeros([3]);

  constructor() {
    super();
    this.registerBuffer("running_mean", zeros([6]));
  }

  forward(x: Tensor): Tensor {
    const h = this.features.forward(x);
    return this.heads[0].forward(h).mul(this.scale);
  }
}

describe("Module: parts found by walking properties", () => {
  it("names parameters by dotted path in definition order, arrays as name.i", () => {
    const names = new TwoTower().namedParameters().map(([name]) => name);
    assert.deepEqual(names, [
      "scale",
      "features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias",
      "heads.0.weight", "heads.0.bias", "heads.1.weight",
    ]);
  });

  it("lists children, modules (depth first), buffers; plain tensors are not parameters", () => {
    const model = new TwoTower();
    assert.deepEqual(model.namedChildren().map(([n]) => n), ["features", "heads.0", "heads.1"]);
    assert.deepEqual(model.namedModules().map(([n]) => n), ["", "features", "features.0", "features.1", "features.2", "features.3", "heads.0", "heads.1"]);
    assert.deepEqual(model.namedBuffers().map(([n]) => n), ["running_mean"]);
    assert.equal(model.parameters().length, 8);
    assert.ok(!model.parameters().includes(model.notAParameter as nn.Parameter));
    assert.deepEqual(model.namedParameters(false).map(([n]) => n), ["scale"]);
  });

  it("lists a parameter shared by two layers once", () => {
    const a = new nn.Linear(3, 3);
    const b = new nn.Linear(3, 3);
    b.weight = a.weight; // tied weights
    const net = new nn.Sequential(a, b);
    assert.deepEqual(net.namedParameters().map(([n]) => n), ["0.weight", "0.bias", "1.bias"]);
  });

  it("stateDict holds parameters then buffers per module, as snapshots", () => {
    const model = new TwoTower();
    const state = model.stateDict();
    assert.deepEqual([...state.keys()], [
      "scale", "running_mean",
      "features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias",
      "heads.0.weight", "heads.0.bias", "heads.1.weight",
    ]);
    model.scale.values[0] = 99;
    assert.equal(state.get("scale")!.values[0], 1.5, "a state dict does not change when training does");
  });

  it("train()/eval() set the mode of every descendant", () => {
    const model = new TwoTower();
    assert.ok(model.modules().every((m) => m.training));
    assert.equal(model.eval(), model);
    assert.ok(model.modules().every((m) => !m.training));
    model.train();
    assert.ok(model.modules().every((m) => m.training));
  });

  it("apply visits every module, children first", () => {
    const visited: string[] = [];
    new nn.Sequential(new nn.Linear(2, 2), new nn.Sequential(new nn.ReLU())).apply((m) => visited.push(m.constructor.name));
    assert.deepEqual(visited, ["Linear", "ReLU", "Sequential", "Sequential"]);
  });

  it("getBuffer names what exists when asked for something else", () => {
    assert.throws(() => new TwoTower().getBuffer("running_var"), /TwoTower has no buffer "running_var" \(it has: running_mean\)/);
    assert.throws(() => new TwoTower().registerBuffer("a.b", zeros([1])), /no "\."/);
  });
});

describe("Module: state dicts compatible with PyTorch", () => {
  interface NestedFixture {
    state: { key: string; tensor: EncodedTensor }[];
    input: EncodedTensor;
    output: EncodedTensor;
  }
  const fixture = loadFixture<NestedFixture>("nested_model.json");
  const build = () =>
    new nn.Sequential(
      new nn.Linear(4, 6), new nn.ReLU(),
      new nn.Sequential(new nn.Linear(6, 5), new nn.PReLU(5), new nn.Dropout(0.5)),
      new nn.Linear(5, 3, { bias: false }),
    );

  it("uses PyTorch's keys and shapes for a nested Sequential", () => {
    const ours = [...build().stateDict()].map(([k, t]) => [k, [...t.shape]]);
    assert.deepEqual(ours, fixture.state.map(({ key, tensor: t }) => [key, t.shape]));
  });

  it("loading PyTorch's weights reproduces PyTorch's output", () => {
    const net = build().eval();
    const result = net.loadStateDict(Object.fromEntries(fixture.state.map(({ key, tensor: t }) => [key, decode(t)])));
    assert.deepEqual(result, { missingKeys: [], unexpectedKeys: [] });
    assertClose(net.forward(decode(fixture.input)), decode(fixture.output));
  });

  it("round-trips through stateDict/loadStateDict, keeping the Parameter objects", () => {
    manualSeed(1);
    const source = build();
    const target = build();
    const weight = target.parameters()[0];
    target.loadStateDict(source.stateDict());
    assert.equal(target.parameters()[0], weight, "the same Parameter object, so optimisers stay attached");
    const x = randn([3, 4]);
    assertClose(target.eval().forward(x), source.eval().forward(x), { rtol: 0, atol: 0 });
  });

  it("names missing and unexpected keys, and refuses without changing anything", () => {
    const net = build();
    const before = net.parameters()[0].values.slice();
    const state = build().stateDict();
    state.delete("2.1.weight");
    state.set("2.2.weight", zeros([5]));
    assert.throws(
      () => net.loadStateDict(state),
      (e: Error) =>
        e instanceof nn.StateDictError && /missing keys "2\.1\.weight"/.test(e.message) && /unexpected keys "2\.2\.weight"/.test(e.message),
    );
    assertClose(net.parameters()[0], before, { rtol: 0, atol: 0 });
  });

  it("with strict false, loads what matches and reports the rest", () => {
    const net = build();
    const state = new Map([["0.bias", zeros([6])], ["extra", zeros([1])]]);
    const result = net.loadStateDict(state, { strict: false });
    assert.deepEqual(result.unexpectedKeys, ["extra"]);
    assert.equal(result.missingKeys.length, 5);
    assertClose(net.at(0).parameters()[1], zeros([6]));
  });

  it("names the key and both shapes on a size mismatch, even when not strict", () => {
    const state = build().stateDict();
    state.set("0.weight", zeros([6, 5]));
    assert.throws(() => build().loadStateDict(state, { strict: false }), /size mismatch for "0\.weight": the state has shape \[6, 5\], the module has \[6, 4\]/);
  });
});

describe("Module: freezing and gradients", () => {
  it("freeze() stops gradients to a part of the network; unfreeze() restores them", () => {
    const body = new nn.Linear(3, 4);
    const head = new nn.Linear(4, 2);
    const net = new nn.Sequential(body, new nn.Tanh(), head);
    body.freeze();
    net.forward(randn([5, 3])).sum().backward();
    assert.ok(body.parameters().every((p) => p.grad === null && !p.requiresGrad));
    assert.ok(head.parameters().every((p) => p.grad !== null));
    body.unfreeze();
    net.forward(randn([5, 3])).sum().backward();
    assert.ok(body.parameters().every((p) => p.grad !== null));
  });

  it("zeroGrad() clears every parameter's gradient", () => {
    const net = new nn.Sequential(new nn.Linear(3, 2));
    net.forward(randn([2, 3])).sum().backward();
    net.zeroGrad();
    assert.ok(net.parameters().every((p) => p.grad === null));
  });
});

describe("Module: Torch7 backward(input, gradOutput)", () => {
  it("returns autograd's gradInput and accumulates the same parameter gradients", () => {
    manualSeed(3);
    const net = new nn.Sequential(new nn.Linear(4, 5), new nn.ELU(), new nn.Linear(5, 3), new nn.Softmax(1));
    const x = randn([6, 4]);
    const gradOutput = randn([6, 3]);

    const leaf = x.detach().requiresGrad_();
    net.forward(leaf).mul(gradOutput).sum().backward();
    const expectedInput = leaf.grad!;
    const expectedParams = net.parameters().map((p) => p.grad!);
    net.zeroGrad();

    net.forward(x);
    const gradInput = net.backward(x, gradOutput);
    assertClose(gradInput, expectedInput);
    net.parameters().forEach((p, i) => assertClose(p.grad!, expectedParams[i], { message: `parameter ${i}` }));
  });

  it("names the module and both shapes when gradOutput does not fit", () => {
    const net = new nn.Linear(4, 2);
    assert.throws(() => net.backward(randn([3, 4]), randn([3, 3])), /Linear\.backward: gradOutput has shape \[3, 3\] but the output has shape \[3, 2\]/);
  });
});

describe("Sequential", () => {
  it("supports Torch7's chained add, at(), length and iteration", () => {
    const relu = new nn.ReLU();
    const net = new nn.Sequential().add(new nn.Linear(2, 3)).add(relu).add(new nn.Linear(3, 1));
    assert.equal(net.length, 3);
    assert.equal(net.at(1), relu);
    assert.equal(net.at(-2), relu);
    assert.deepEqual([...net].map((m) => m.constructor.name), ["Linear", "ReLU", "Linear"]);
    assertShape(net.forward(randn([4, 2])), [4, 1]);
    assert.throws(() => net.at(3), /index 3 is out of range for 3 modules/);
    assert.throws(() => net.add({} as nn.Module), /Sequential\.add: expected a Module/);
  });

  it("prints a PyTorch-like tree", () => {
    const net = new nn.Sequential(new nn.Linear(784, 800), new nn.ReLU(), new nn.Sequential(new nn.Dropout(0.2), new nn.Linear(800, 10, { bias: false })));
    assert.equal(
      net.toString(),
      [
        "Sequential(",
        "  (0): Linear(in_features=784, out_features=800, bias=True)",
        "  (1): ReLU()",
        "  (2): Sequential(",
        "    (0): Dropout(p=0.2)",
        "    (1): Linear(in_features=800, out_features=10, bias=False)",
        "  )",
        ")",
      ].join("\n"),
    );
  });
});
