import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { models, nn, noGrad, randn } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { countOf, layoutOf, loadFixture, torchvisionCounts, type Layout } from "./fixture.js";

/** The classifier every configuration shares: 25088·4096 + 4096, 4096·4096 + 4096, 4096·1000 + 1000. */
const classifierParameters = 102_764_544 + 16_781_312 + 4_097_000;

/** Each configuration's features, built once (about 0.25 s each). */
const builtFeatures = new Map<string, nn.Sequential>();
function features(config: models.VggConfig, batchNorm = false): nn.Sequential {
  const key = `${config}${batchNorm}`;
  if (!builtFeatures.has(key)) builtFeatures.set(key, models.vggFeatures(config, batchNorm));
  return builtFeatures.get(key)!;
}

describe("VGG", () => {
  const vgg16 = models.vgg("D");
  const layouts = loadFixture<Record<string, Layout>>("keys.json");

  it("D has torchvision's vgg16 count, 138,357,544", () => {
    assert.equal(countOf(vgg16), 138_357_544);
    assert.equal(torchvisionCounts.vgg16, 138_357_544);
    assert.equal(countOf(vgg16.classifier), classifierParameters);
  });

  // The full models differ only in their features (building all six takes ~2 s each), so each
  // configuration's count is its features' plus the shared classifier's.
  const expected: [models.VggConfig, boolean, number, string][] = [
    ["A", false, torchvisionCounts.vgg11, "vgg11"],
    ["A-LRN", false, torchvisionCounts.vgg_A_LRN, "A-LRN from torch.nn per Table 1"],
    ["B", false, torchvisionCounts.vgg13, "vgg13"],
    ["C", false, torchvisionCounts.vgg_C, "C from torch.nn per Table 1"],
    ["D", false, torchvisionCounts.vgg16, "vgg16"],
    ["E", false, torchvisionCounts.vgg19, "vgg19"],
    ["A", true, torchvisionCounts.vgg11_bn, "vgg11_bn"],
    ["D", true, torchvisionCounts.vgg16_bn, "vgg16_bn"],
  ];
  for (const [config, batchNorm, count, source] of expected) {
    it(`${config}${batchNorm ? " with batch norm" : ""} has ${count.toLocaleString("en-US")} parameters (${source})`, () => {
      assert.equal(countOf(features(config, batchNorm)) + classifierParameters, count);
    });
  }

  it("has the paper's rounded counts: 133, 133, 133, 134, 138, 144 M", () => {
    const millions = expected.slice(0, 6).map(([, , count]) => Math.round(count / 1e6));
    assert.deepEqual(millions, [133, 133, 133, 134, 138, 144]);
    // C is D with a 1×1 instead of a 3×3 third convolution in blocks 3–5: 8 fewer weights per channel pair
    assert.equal(torchvisionCounts.vgg_C, 138_357_544 - 8 * (256 * 256 + 512 * 512 + 512 * 512));
  });

  it("has torchvision's vgg16 and vgg16_bn state-dict keys, in order, with its shapes", () => {
    assert.deepEqual(layoutOf(vgg16), layouts.vgg16);
    const bnFeatures = new nn.Sequential();
    bnFeatures.add(features("D", true));
    const ours = layoutOf(bnFeatures).map(([key, shape]): [string, number[]] => [key.replace(/^0\./, "features."), shape]);
    assert.deepEqual(ours, layouts.vgg16_bn.filter(([key]) => key.startsWith("features.")));
    assert.deepEqual(
      layouts.vgg16_bn.filter(([key]) => !key.startsWith("features.")),
      layouts.vgg16.filter(([key]) => !key.startsWith("features.")),
      "the classifier is the same with batch norm",
    );
  });

  it("ends every configuration's features at 512×7×7 for a 224×224 image (shapes only)", () => {
    for (const [config, batchNorm] of expected) assert.deepEqual(nn.outputShapeOf(features(config, batchNorm), [1, 3, 224, 224]), [1, 512, 7, 7], config);
    assert.deepEqual(nn.outputShapeOf(vgg16, [2, 3, 224, 224]), [2, 1000]);
  });

  it("puts A-LRN's normalisation after the first convolution, C's 1×1 convolutions third in blocks 3–5", () => {
    const lrn = [...features("A-LRN")].map((m) => m.constructor.name);
    assert.deepEqual(lrn.slice(0, 4), ["Conv2d", "ReLU", "LocalResponseNorm", "MaxPool2d"]);
    const kernels = [...features("C")].filter((m): m is nn.Conv2d => m instanceof nn.Conv2d).map((c) => c.kernelSize[0]);
    assert.deepEqual(kernels, [3, 3, 3, 3, 3, 3, 1, 3, 3, 1, 3, 3, 1]);
  });

  it("runs its features on a reduced 32×32 input as the shapes say (the full size is ~8 GFLOP per image for A)", () => {
    // the classifier's forward after the adaptive pool is AlexNet's, run at full size in alexnet.test
    const y = noGrad(() => features("A").forward(randn([2, 3, 32, 32])));
    assertShape(y, [2, 512, 1, 1]);
    assert.deepEqual(nn.outputShapeOf(features("A"), [2, 3, 32, 32]), [2, 512, 1, 1]);
    assert.deepEqual(nn.outputShapeOf(vgg16, [2, 3, 32, 32]), [2, 1000]);
  });

  it("checks its options", () => {
    assert.throws(() => models.vgg("F" as "E"), /vgg: unknown configuration "F"; expected one of A, A-LRN, B, C, D, E/);
    assert.throws(() => models.vggFeatures("a" as "A"), /vgg: unknown configuration "a"/);
    assert.throws(() => models.vgg("A", { numClasses: -1 }), /vgg: numClasses must be a positive integer, got -1/);
  });
});
