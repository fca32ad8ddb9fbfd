import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { models, nn, noGrad, randn, tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { countOf, fillDeterministic, fixtureImage, layoutOf, loadFixture, torchvisionCounts, type Layout, type OutputCase } from "./fixture.js";

const layouts = loadFixture<Record<string, Layout>>("keys.json");
const outputs = loadFixture<OutputCase[]>("outputs.json");

describe("ResNet", () => {
  const resnet18 = models.resnet18();
  const resnet50 = models.resnet50();

  it("has torchvision's parameter counts: 11,689,512 / 21,797,672 / 25,557,032", () => {
    assert.equal(countOf(resnet18), 11_689_512);
    assert.equal(countOf(models.resnet34()), 21_797_672);
    assert.equal(countOf(resnet50), 25_557_032);
    assert.deepEqual([11_689_512, 21_797_672, 25_557_032], [torchvisionCounts.resnet18, torchvisionCounts.resnet34, torchvisionCounts.resnet50]);
  });

  it("builds ResNet-101 and ResNet-152 with torchvision's counts, 44,549,160 and 60,192,808, and its bottleneck stages", () => {
    for (const [name, blocks, count] of [["resnet101", [3, 4, 23, 3], 44_549_160], ["resnet152", [3, 8, 36, 3], 60_192_808]] as const) {
      const net = models[name]();
      assert.equal(countOf(net), count, name);
      assert.equal(torchvisionCounts[name], count, name);
      assert.deepEqual([net.layer1, net.layer2, net.layer3, net.layer4].map((stage) => stage.length), blocks, name);
      assert.ok(net.layer3.at(22) instanceof models.Bottleneck, name);
      const shapes = Object.fromEntries(nn.summarize(net, [1, 3, 224, 224], { depth: 0 }).rows.map((r) => [r.name, r.outputShape]));
      assert.deepEqual([shapes.layer1, shapes.layer2, shapes.layer3, shapes.layer4, shapes.avgpool, shapes.fc],
        [[1, 256, 56, 56], [1, 512, 28, 28], [1, 1024, 14, 14], [1, 2048, 7, 7], [1, 2048, 1, 1], [1, 1000]], name);
    }
  });

  it("has torchvision's state-dict keys, in order, with its shapes", () => {
    assert.deepEqual(layoutOf(resnet18), layouts.resnet18);
    assert.deepEqual(layoutOf(resnet50), layouts.resnet50);
    const keys = layouts.resnet18.map(([key]) => key);
    for (const key of ["conv1.weight", "bn1.running_mean", "layer1.0.conv1.weight", "layer2.0.downsample.0.weight", "layer2.0.downsample.1.num_batches_tracked", "fc.weight"]) {
      assert.ok(keys.includes(key), key);
    }
  });

  it("replaces the head with numClasses: the fc layer alone changes", () => {
    const net = models.resnet18({ numClasses: 10 });
    assertShape(net.fc.weight, [10, 512]);
    assert.equal(countOf(net), 11_689_512 - 512 * 1000 - 1000 + 512 * 10 + 10);
    assert.throws(() => models.resnet50({ numClasses: 0 }), /ResNet: numClasses must be a positive integer, got 0/);
  });

  it("gives 1000 scores for a 224×224 image, through the maps torchvision gives (shapes only)", () => {
    assert.deepEqual(nn.outputShapeOf(resnet18, [2, 3, 224, 224]), [2, 1000]);
    const rows = nn.summarize(resnet50, [1, 3, 224, 224], { depth: 0 }).rows;
    const shapes = Object.fromEntries(rows.map((r) => [r.name, r.outputShape]));
    assert.deepEqual(shapes.maxpool, [1, 64, 56, 56]);
    assert.deepEqual(shapes.layer1, [1, 256, 56, 56]);
    assert.deepEqual(shapes.layer4, [1, 2048, 7, 7]);
    assert.deepEqual(shapes.fc, [1, 1000]);
  });

  for (const name of ["resnet18", "resnet50"] as const) {
    it(`computes what torchvision's ${name} computes (eval mode, fixed weights and input)`, () => {
      const c = outputs.find((o) => o.model === name)!;
      const net = models[name]({ numClasses: 10 });
      fillDeterministic(net);
      net.eval();
      const x = fixtureImage(c.inputShape);
      const y = noGrad(() => net.forward(x));
      assertShape(y, c.output.shape);
      assert.deepEqual(nn.outputShapeOf(net, c.inputShape), c.output.shape);
      // float32 through 18–50 layers summed in another order than PyTorch's: 1e-5 absolute for logits near 0
      assertClose(y, c.output.values, { rtol: 1e-4, atol: 1e-5 });
    });
  }

  it("trains: a backward pass reaches every parameter through the residual blocks", () => {
    const net = models.resnet18({ numClasses: 3 });
    const loss = nn.functional.crossEntropy(net.forward(randn([2, 3, 32, 32])), tensor(Int32Array.from([0, 2])));
    loss.backward();
    const missing = net.namedParameters().filter(([, p]) => !p.grad || !p.grad.values.some((g) => g !== 0)).map(([name]) => name);
    assert.deepEqual(missing, []);
  });
});
