/** MultiTask: one trunk, several heads, the weighted joint loss, its gradients, and a small real run on MNIST with rotated digits. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed, nn, optim, randn, tensor } from "../../src/index.js";
import { mnist, randomQuarterTurns } from "../../src/data/index.js";
import { lenet5, MultiTask } from "../../src/models/index.js";
import { multiTaskAccuracy, trainMultiTask } from "../../src/train/index.js";
import { assertClose } from "../helpers.js";

const { crossEntropy, mseLoss } = nn.functional;

function smallNet(weights = { a: 0.7, b: 2 }) {
  return new MultiTask(new nn.Sequential(new nn.Linear(5, 4), new nn.Tanh()), {
    a: { head: new nn.Linear(4, 3), weight: weights.a },
    b: { head: new nn.Linear(4, 2), weight: weights.b },
  });
}

describe("MultiTask", () => {
  it("runs every head on one trunk output, names its state as trunk.… and heads.<task>.…, and forward gives the first task", () => {
    manualSeed(1);
    const net = smallNet();
    assert.deepEqual(net.namedParameters().map(([name]) => name), ["trunk.0.weight", "trunk.0.bias", "heads.a.weight", "heads.a.bias", "heads.b.weight", "heads.b.bias"]);
    assert.equal(net.getSubmodule("heads.b"), net.head("b"));
    const x = randn([6, 5]);
    const out = net.forwardAll(x);
    const features = net.trunk.forward(x);
    assertClose(out.a, net.head("a").forward(features));
    assertClose(out.b, net.head("b").forward(features));
    assertClose(net.forward(x), out.a);
    assert.throws(() => net.head("c"), /MultiTask: no task "c"; the tasks are a, b/);
  });

  it("has a joint loss equal to the weighted sum of the heads' losses, each with its own loss function", () => {
    manualSeed(2);
    const net = new MultiTask(new nn.Linear(5, 4), {
      digit: { head: new nn.Linear(4, 3), weight: 0.3 },
      size: { head: new nn.Linear(4, 1), weight: 1.5, loss: (out, y) => mseLoss(out, y) },
    });
    const x = randn([8, 5]);
    const targets = { digit: tensor([0, 1, 2, 0, 1, 2, 0, 1], { dtype: "int32" }), size: randn([8, 1]) };
    const out = net.forwardAll(x);
    const { total, losses } = net.jointLoss(out, targets);
    const digit = crossEntropy(out.digit, targets.digit).itemSync();
    const size = mseLoss(out.size, targets.size).itemSync();
    assertClose(losses.digit, digit);
    assertClose(losses.size, size);
    assertClose(total, 0.3 * digit + 1.5 * size, { rtol: 1e-6 });
  });

  it("sends gradients into the trunk from both heads: the joint gradient is the weighted sum of each head's", () => {
    manualSeed(3);
    const net = smallNet();
    const x = randn([10, 5]);
    const targets = { a: tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0], { dtype: "int32" }), b: tensor([0, 1, 1, 0, 1, 0, 0, 1, 1, 1], { dtype: "int32" }) };
    const trunkWeight = net.trunk.parameters()[0];
    const gradientOf = (pick: (l: ReturnType<MultiTask["jointLoss"]>) => ReturnType<MultiTask["jointLoss"]>["total"]) => {
      net.zeroGrad();
      pick(net.jointLoss(net.forwardAll(x), targets)).backward();
      return Float32Array.from(trunkWeight.grad!.values);
    };
    const fromA = gradientOf((l) => l.losses.a);
    const fromB = gradientOf((l) => l.losses.b);
    const joint = gradientOf((l) => l.total);
    const norm = (v: Float32Array) => Math.hypot(...v);
    assert.ok(norm(fromA) > 1e-3 && norm(fromB) > 1e-3, `each head reaches the trunk: ‖gA‖ ${norm(fromA)}, ‖gB‖ ${norm(fromB)}`);
    const cosine = fromA.reduce((s, v, i) => s + v * fromB[i], 0) / (norm(fromA) * norm(fromB));
    assert.ok(Math.abs(cosine) < 0.99, `the two heads pull the trunk different ways (cosine ${cosine})`);
    assertClose(joint, fromA.map((v, i) => 0.7 * v + 2 * fromB[i]), { rtol: 1e-4, atol: 1e-6 });
    assert.ok(net.heads.parameters().every((p) => p.grad !== null), "both heads get gradients");
  });

  it("refuses no tasks, bad task names and weights, and missing or mismatched targets", () => {
    const trunk = new nn.Linear(2, 2);
    assert.throws(() => new MultiTask(trunk, {}), /give at least one task, got none/);
    assert.throws(() => new MultiTask(trunk, { training: { head: new nn.Linear(2, 2) } }), /task name "training" must be an identifier that is not a Module property/);
    assert.throws(() => new MultiTask(trunk, { a: { head: new nn.Linear(2, 2), weight: -1 } }), /weight of task "a" must be a finite number ≥ 0, got -1/);
    const net = smallNet();
    assert.throws(() => net.jointLoss(net.forwardAll(randn([2, 5])), { a: tensor([0, 1], { dtype: "int32" }) }), /task "b" needs an output and a target/);
    const opt = new optim.SGD(net.parameters(), { lr: 0.1 });
    assert.throws(() => multiTaskAccuracy(net, randn([3, 5]), { a: tensor([0, 1, 2], { dtype: "int32" }) }), /no targets for task "b" \(the model's tasks are a, b\)/);
    return assert.rejects(trainMultiTask(net, randn([3, 5]), { a: tensor([0, 1, 2], { dtype: "int32" }), b: tensor([0, 1], { dtype: "int32" }) }, { optimizer: opt, epochs: 1 }), /3 images but 2 targets for task "b"/);
  });
});

describe("a multi-task LeNet-5 on MNIST: the digit and its rotation", () => {
  it("learns both tasks far above chance (10% and 25%) from 2,000 turned digits in 3 epochs", async () => {
    manualSeed(4);
    const train = await mnist("train", { limit: 2000 });
    const test = await mnist("test", { limit: 1000 });
    const turnedTrain = randomQuarterTurns(train.x, new Generator(1));
    const turnedTest = randomQuarterTurns(test.x, new Generator(2));
    const trunk = new nn.Sequential(...[...lenet5()].slice(0, 11));
    const net = new MultiTask(trunk, { digit: { head: new nn.Linear(84, 10) }, rotation: { head: new nn.Linear(84, 4), weight: 0.5 } });
    const losses = await trainMultiTask(net, turnedTrain.x, { digit: train.y, rotation: turnedTrain.turns }, { optimizer: new optim.Adam(net.parameters(), { lr: 2e-3 }), epochs: 3, batchSize: 32, seed: 3 });
    assert.ok(losses[2] < 0.7 * losses[0], `joint loss by epoch ${losses.map((l) => l.toFixed(3))}`);
    const score = multiTaskAccuracy(net, turnedTest.x, { digit: test.y, rotation: turnedTest.turns });
    assert.ok(score.digit > 0.45, `digit accuracy ${score.digit}`);
    assert.ok(score.rotation > 0.6, `rotation accuracy ${score.rotation}`);
  });
});
