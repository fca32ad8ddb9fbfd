import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { models, nn, type Tensor } from "../../src/index.js";

/** The rows' [name, type, output shape, parameters, multiply-adds]. */
const table = (s: nn.ModelSummary) => s.rows.map((r) => [r.name, r.type, r.outputShape, r.parameters, r.multiplyAdds]);

/** Make every forward of model throw, so a passing summary proves that nothing was computed. */
function forbidForward(model: nn.Module): void {
  for (const m of model.modules()) {
    m.forward = () => {
      throw new Error(`${m.constructor.name}.forward was called`);
    };
  }
}

describe("summary of LeNet-5 at [1, 1, 28, 28]", () => {
  const s = nn.summarize(models.lenet5(), [1, 1, 28, 28]);

  it("lists every layer with its output shape, parameters and multiply-adds", () => {
    // Parameters: a conv has out·in·k² weights + out biases, a Linear in·out + out.
    // Multiply-adds: conv = output elements · in·k²; pooling = output elements · window (2·2);
    // Linear = outputs · in; activations and Flatten none.
    assert.deepEqual(table(s), [
      ["0", "Conv2d", [1, 6, 28, 28], 6 * 1 * 25 + 6, 6 * 28 * 28 * 25], // 156, 117,600
      ["1", "ReLU", [1, 6, 28, 28], 0, 0],
      ["2", "MaxPool2d", [1, 6, 14, 14], 0, 6 * 14 * 14 * 4], // 4,704
      ["3", "Conv2d", [1, 16, 10, 10], 16 * 6 * 25 + 16, 16 * 10 * 10 * 6 * 25], // 2,416, 240,000
      ["4", "ReLU", [1, 16, 10, 10], 0, 0],
      ["5", "MaxPool2d", [1, 16, 5, 5], 0, 16 * 5 * 5 * 4], // 1,600
      ["6", "Flatten", [1, 400], 0, 0],
      ["7", "Linear", [1, 120], 400 * 120 + 120, 400 * 120], // 48,120, 48,000
      ["8", "ReLU", [1, 120], 0, 0],
      ["9", "Linear", [1, 84], 120 * 84 + 84, 120 * 84], // 10,164, 10,080
      ["10", "ReLU", [1, 84], 0, 0],
      ["11", "Linear", [1, 10], 84 * 10 + 10, 84 * 10], // 850, 840
    ]);
  });

  it("totals parameters, trainable parameters, multiply-adds and parameter memory", () => {
    assert.equal(s.totalParameters, 61_706);
    assert.equal(s.trainableParameters, 61_706);
    assert.equal(s.multiplyAdds, 117_600 + 4_704 + 240_000 + 1_600 + 48_000 + 10_080 + 840);
    assert.equal(s.parameterBytes, 61_706 * 4);
    assert.deepEqual(s.outputShape, [1, 10]);
    assert.ok(s.rows.every((r) => r.tilingProblem === null), "every LeNet-5 window tiles its input");
  });

  it("prints them as a table", () => {
    const text = nn.summary(models.lenet5(), [1, 1, 28, 28]);
    assert.match(text, /^Sequential: input \[1, 1, 28, 28\] → output \[1, 10\]$/m);
    assert.match(text, /^ {2}0 \(Conv2d\) +\[1, 6, 28, 28\] +156 +117,600$/m);
    assert.match(text, /^ {2}7 \(Linear\) +\[1, 120\] +48,120 +48,000$/m);
    assert.match(text, /^Total parameters: 61,706 \(61\.71 K\)$/m);
    assert.match(text, /^Non-trainable parameters: 0$/m);
    assert.match(text, /^Multiply-adds: 422,824 \(422\.82 K\)$/m);
    assert.match(text, /^Parameter memory: 241\.04 KiB$/m);
    assert.doesNotMatch(text, /^!/m);
  });

  it("counts frozen parameters as non-trainable", () => {
    const net = models.lenet5();
    net.at(0).freeze();
    const frozen = nn.summarize(net, [1, 1, 28, 28]);
    assert.equal(frozen.trainableParameters, 61_706 - 156);
    assert.equal(frozen.rows[0].trainableParameters, 0);
    assert.match(nn.summary(net, [1, 1, 28, 28]), /^Non-trainable parameters: 156$/m);
  });
});

describe("summary of VGG-D at [1, 3, 224, 224]", () => {
  const net = models.vgg("D");
  forbidForward(net);
  const s = nn.summarize(net, [1, 3, 224, 224]);

  it("totals torchvision's vgg16 parameter count without running a single layer", () => {
    assert.equal(s.totalParameters, 138_357_544);
    assert.equal(s.rows.reduce((n, r) => n + r.parameters, 0), 138_357_544);
    assert.deepEqual(s.outputShape, [1, 1000]);
  });

  it("follows the maps down to 512×7×7 and counts VGG-16's 15.47 G multiply-adds in conv and Linear layers", () => {
    const pools = s.rows.filter((r) => r.type === "MaxPool2d").map((r) => r.outputShape);
    assert.deepEqual(pools, [[1, 64, 112, 112], [1, 128, 56, 56], [1, 256, 28, 28], [1, 512, 14, 14], [1, 512, 7, 7]]);
    // conv: Σ over the 13 layers of H·W·out·in·9; Linear: 25088·4096 + 4096·4096 + 4096·1000
    const conv = 224 ** 2 * 9 * (3 * 64 + 64 * 64) + 112 ** 2 * 9 * (64 * 128 + 128 * 128)
      + 56 ** 2 * 9 * (128 * 256 + 2 * 256 * 256) + 28 ** 2 * 9 * (256 * 512 + 2 * 512 * 512) + 14 ** 2 * 9 * 3 * 512 * 512;
    const linear = 25088 * 4096 + 4096 * 4096 + 4096 * 1000;
    const counted = s.rows.filter((r) => r.type === "Conv2d" || r.type === "Linear").reduce((n, r) => n + r.multiplyAdds, 0);
    assert.equal(counted, conv + linear);
    assert.equal(conv + linear, 15_470_264_320);
  });

  it("nests rows under their containers, with dotted names", () => {
    assert.deepEqual(s.rows.slice(0, 2).map((r) => [r.name, r.type, r.depth, r.container]), [
      ["features", "Sequential", 0, true],
      ["features.0", "Conv2d", 1, false],
    ]);
    assert.ok(s.rows.some((r) => r.name === "classifier.6" && r.type === "Linear"));
  });
});

describe("summary flags a window that does not tile its input", () => {
  // The lecture's example: a 7×7 input, a 3×3 filter, stride 3 — (7 − 3)/3 + 1 is not whole
  const net = new nn.Sequential(new nn.Conv2d(1, 4, 3, { stride: 3 }), new nn.ReLU(), new nn.Flatten(), new nn.Linear(16, 2));

  it("marks the layer and lists the rule under the table", () => {
    const s = nn.summarize(net, [1, 1, 7, 7]);
    assert.deepEqual(s.rows[0].outputShape, [1, 4, 2, 2]);
    assert.match(s.rows[0].tilingProblem ?? "", /\(N − F \+ 2P\)\/S \+ 1/);
    assert.ok(s.rows.slice(1).every((r) => r.tilingProblem === null));
    const text = nn.summary(net, [1, 1, 7, 7]);
    assert.match(text, /^! 0 \(Conv2d\) +\[1, 4, 2, 2\]/m);
    assert.match(text, /^! Layers whose window does not tile their input exactly:$/m);
    assert.match(text, /^ {2}0 \(Conv2d\): .*7×7 input/m);
  });

  it("does not flag an input the window tiles: 9×9, (9 − 3)/3 + 1 = 3", () => {
    const conv = new nn.Sequential(new nn.Conv2d(1, 4, 3, { stride: 3 }));
    assert.equal(nn.summarize(conv, [1, 1, 9, 9]).rows[0].tilingProblem, null);
    assert.doesNotMatch(nn.summary(conv, [1, 1, 9, 9]), /^!/m);
  });
});

describe("summary's shapes", () => {
  it("folds layers deeper than `depth` into their ancestors' rows", () => {
    const net = models.resnet18();
    const s = nn.summarize(net, [1, 3, 224, 224], { depth: 0 });
    assert.deepEqual(s.rows.map((r) => r.name), ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "fc"]);
    assert.deepEqual(s.rows.map((r) => r.outputShape[1]), [64, 64, 64, 64, 64, 128, 256, 512, 512, 1000]);
    const layer1 = s.rows[4];
    assert.equal(layer1.container, false);
    // two basic blocks of two 3×3 64→64 convs (no bias) and two batch norms (64 scales, 64 shifts)
    assert.equal(layer1.parameters, 2 * (2 * 64 * 64 * 9 + 2 * 128));
    assert.equal(layer1.multiplyAdds, 2 * (2 * 56 * 56 * 64 * 64 * 9 + 2 * 64 * 56 * 56));
    assert.equal(s.rows.reduce((n, r) => n + r.parameters, 0), 11_689_512);
    assert.equal(s.multiplyAdds, nn.summarize(net, [1, 3, 224, 224]).multiplyAdds);
  });

  it("lists a layer used twice twice, counting its parameters once and its multiply-adds each time", () => {
    const shared = new nn.Linear(4, 4);
    const s = nn.summarize(new nn.Sequential(shared, new nn.ReLU(), shared), [3, 4]);
    assert.deepEqual(table(s), [
      ["0", "Linear", [3, 4], 20, 48],
      ["1", "ReLU", [3, 4], 0, 0],
      ["2", "Linear", [3, 4], 0, 48],
    ]);
    assert.equal(s.totalParameters, 20);
  });

  it("summarises a single layer as one row", () => {
    const s = nn.summarize(new nn.Conv2d(3, 8, 3, { padding: 1 }), [2, 3, 5, 5]);
    assert.deepEqual(table(s), [["", "Conv2d", [2, 8, 5, 5], 8 * 3 * 9 + 8, 2 * 8 * 25 * 27]]);
    assert.match(nn.summary(new nn.Linear(3, 2), [1, 3]), /^ {2}\(model\) \(Linear\) +\[1, 2\] +8 +6$/m);
  });

  it("runs a layer without shape logic once, on zeros, in eval mode, and restores its mode", () => {
    class Pairs extends nn.Module {
      inner = new nn.Dropout(0.5);
      seenTraining: boolean[] = [];
      forward(x: Tensor): Tensor {
        this.seenTraining.push(this.training, this.inner.training);
        return x.reshape([x.shape[0], -1, 2]);
      }
    }
    const pairs = new Pairs();
    const s = nn.summarize(new nn.Sequential(new nn.Linear(3, 6), pairs), [5, 3]);
    assert.deepEqual(s.rows.map((r) => r.outputShape), [[5, 6], [5, 3, 2]]);
    assert.deepEqual(pairs.seenTraining, [false, false]);
    assert.equal(pairs.training && pairs.inner.training, true);
  });

  it("gives a user's own module a row per layer it calls, with shapes and multiply-adds from a forward pass", () => {
    // Layers held as properties and called from a hand-written forward (no Sequential, no shape logic).
    class TwoTower extends nn.Module {
      conv = new nn.Conv2d(1, 4, 3, { padding: 1 });
      pool = new nn.MaxPool2d(2);
      head = new nn.Sequential(new nn.Flatten(), new nn.Linear(4 * 4 * 4, 10));
      forward(x: Tensor): Tensor {
        const a = this.pool.forward(this.conv.forward(x).relu());
        return this.head.forward(a);
      }
    }
    const s = nn.summarize(new TwoTower(), [2, 1, 8, 8]);
    assert.deepEqual(table(s), [
      ["conv", "Conv2d", [2, 4, 8, 8], 4 * 9 + 4, 2 * 4 * 64 * 9],
      ["pool", "MaxPool2d", [2, 4, 4, 4], 0, 2 * 4 * 16 * 4],
      ["head", "Sequential", [2, 10], 0, 0],
      ["head.0", "Flatten", [2, 64], 0, 0],
      ["head.1", "Linear", [2, 10], 650, 2 * 10 * 64],
    ]);
    assert.equal(s.multiplyAdds, 2 * 4 * 64 * 9 + 2 * 4 * 16 * 4 + 2 * 10 * 64);
    assert.equal(s.totalParameters, 40 + 650);
    assert.doesNotMatch(nn.summary(new TwoTower(), [2, 1, 8, 8]), /Multiply-adds: 0/);
  });

  it("outputShapeOf gives a model's output shape alone", () => {
    assert.deepEqual(nn.outputShapeOf(models.lenet5(), [7, 1, 28, 28]), [7, 10]);
    assert.deepEqual(nn.outputShapeOf(new nn.Flatten(1, 2), [2, 3, 4, 5]), [2, 12, 5]);
  });
});

describe("summary's errors", () => {
  it("refuses an input shape that is not a list of positive sizes", () => {
    for (const bad of [[], [1, 0, 28, 28], [1, 1.5], "28x28"]) {
      assert.throws(() => nn.summary(models.lenet5(), bad as number[]), { name: "TypeError", message: /^summary: inputShape must list/ });
    }
    assert.throws(() => nn.summarize(models.lenet5(), [1, 1, 28, 28], { depth: -1 }), /summary: depth must be 0 or more, got -1/);
  });

  it("names the layer that cannot take its input, with the shape it got", () => {
    assert.throws(() => nn.summary(models.lenet5(), [1, 1, 32, 32]), {
      message: /^summary: layer "7" \(Linear\) cannot take an input of shape \[1, 576\]: Linear: .*inFeatures = 400/,
    });
    assert.throws(() => nn.summary(models.lenet5(), [1, 3, 28, 28]), { message: /^summary: layer "0" \(Conv2d\) cannot take an input of shape \[1, 3, 28, 28\]: .*3 channels, expected 1/ });
    assert.throws(() => nn.summary(new nn.Sequential(new nn.BatchNorm2d(4)), [1, 3, 8, 8]), { message: /layer "0" \(BatchNorm2d\).*expected 4 channels/ });
  });

  it("refuses a shape carried through a layer that is not a registered sub-layer", () => {
    class Hidden extends nn.Module {
      readonly #inner = new nn.Linear(2, 2);
      forward(x: Tensor): Tensor {
        return this.#inner.forward(x);
      }
      outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
        return through(this.#inner, inputShape);
      }
    }
    assert.deepEqual(nn.outputShapeOf(new Hidden(), [1, 2]), [1, 2]);
    assert.throws(() => nn.summary(new nn.Sequential(new Hidden()), [1, 2]), /summary: Hidden "0" passed a shape through a Linear that is not one of its sub-layers/);
  });
});
