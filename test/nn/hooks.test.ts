/** Forward hooks, pre-hooks and getSubmodule: activations read without editing a model, layers found by path. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, models, nn, randn, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

/** The output of every layer of a Sequential, computed one layer at a time (no fusion possible). */
function layerByLayer(net: nn.Sequential, x: Tensor): Tensor[] {
  const outs: Tensor[] = [];
  for (const layer of net) outs.push((x = layer.forward(x)));
  return outs;
}

describe("registerForwardHook", () => {
  it("sees every layer's input and output, and a ReLU after a fused conv sees the rectified map", () => {
    manualSeed(3);
    const net = models.lenet5();
    const x = randn([2, 1, 28, 28]);
    const expected = layerByLayer(net, x);
    const seen = new Map<string, { inputs: number[][]; output: Tensor }>();
    const handles = net.namedModules().filter(([path]) => path !== "").map(([path, m]) =>
      m.registerForwardHook((_, inputs, output) => void seen.set(path, { inputs: inputs.map((t) => [...t.shape]), output })),
    );
    const out = net.forward(x);
    assert.deepEqual([...seen.keys()], ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
    expected.forEach((e, i) => assertClose(seen.get(String(i))!.output, e, { message: `layer ${i}` }));
    assert.deepEqual(seen.get("3")!.inputs, [[2, 6, 14, 14]]);
    assertClose(out, expected[11]);
    // The pre-activation conv output differs from the ReLU's: the hook ran on the unfused conv.
    assert.ok(seen.get("0")!.output.values.some((v) => v < 0));
    assert.ok(seen.get("1")!.output.values.every((v) => v >= 0));
    for (const h of handles) h.remove();
  });

  it("replaces the output with what the hook returns, and stops once removed", () => {
    const relu = new nn.ReLU();
    const x = randn([4]);
    const handle = relu.registerForwardHook((_, __, output) => output.mul(2));
    assertClose(relu.forward(x), x.relu().mul(2));
    handle.remove();
    handle.remove(); // harmless the second time
    assertClose(relu.forward(x), x.relu());
    assert.equal(Object.prototype.hasOwnProperty.call(relu, "forward"), false, "the instance's forward is restored");
  });

  it("runs pre-hooks before forward and hooks after, in registration order", () => {
    const order: string[] = [];
    const layer = new nn.Linear(3, 2);
    const a = layer.registerForwardPreHook(() => void order.push("pre"));
    const b = layer.registerForwardHook(() => void order.push("post 1"));
    const c = layer.registerForwardHook(() => void order.push("post 2"));
    layer.forward(randn([1, 3]));
    assert.deepEqual(order, ["pre", "post 1", "post 2"]);
    b.remove();
    layer.forward(randn([1, 3]));
    assert.deepEqual(order.slice(3), ["pre", "post 2"]);
    a.remove();
    c.remove();
    assert.equal(Object.prototype.hasOwnProperty.call(layer, "forward"), false);
  });

  it("keeps a forward the user assigned while hooked", () => {
    const relu = new nn.ReLU();
    const handle = relu.registerForwardHook(() => {});
    const own = (x: Tensor) => x.neg();
    relu.forward = own;
    handle.remove();
    assert.equal(relu.forward, own);
  });

  it("refuses a hook that is not a function", () => {
    assert.throws(() => new nn.ReLU().registerForwardHook(42 as never), /registerForwardHook: expected a function, got number/);
  });
});

describe("getSubmodule", () => {
  it("finds layers by their state-dict path", () => {
    const net = models.resnet18();
    assert.equal(net.getSubmodule(""), net);
    assert.equal(net.getSubmodule("layer1.0.conv1").constructor.name, "Conv2d");
    const weightOwner = net.getSubmodule("layer2.0.downsample.0");
    assert.ok(net.stateDict().has("layer2.0.downsample.0.weight"));
    assert.equal(weightOwner.constructor.name, "Conv2d");
  });

  it("lists the layers there are when a path does not exist", () => {
    assert.throws(() => models.lenet5().getSubmodule("features.3"), /Sequential has no layer "features\.3"; its layers are: 0 \(Conv2d\), 1 \(ReLU\), 2 \(MaxPool2d\),.* 11 \(Linear\)$/);
  });
});
