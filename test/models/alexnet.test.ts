import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { models, nn, noGrad, randn } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { countOf, layoutOf, loadFixture, torchvisionCounts, type Layout } from "./fixture.js";
import { flaggedIn, mapsOf } from "./summary-maps.js";

describe("AlexNet", () => {
  const net = models.alexnet();

  it("has torchvision's parameter count, 61,100,840, and its state-dict keys in order", () => {
    assert.equal(countOf(net), 61_100_840);
    assert.equal(torchvisionCounts.alexnet, 61_100_840);
    assert.deepEqual(layoutOf(net), loadFixture<Record<string, Layout>>("keys.json").alexnet);
  });

  it("classifies a full-size 227×227 image: 1000 scores from a 256×6×6 map", () => {
    const y = noGrad(() => net.eval().forward(randn([1, 3, 227, 227])));
    assertShape(y, [1, 1000]);
    const maps = mapsOf(net, [1, 3, 227, 227]);
    assert.deepEqual([maps["features.0"], maps["features.2"], maps["features.12"], maps.avgpool], [[1, 64, 56, 56], [1, 64, 27, 27], [1, 256, 6, 6], [1, 256, 6, 6]]);
  });

  it("flags the first max-pool at 227×227 ((56 − 3)/2 + 1 = 27.5) and the first convolution at 224×224 ((224 − 11 + 4)/4 + 1 = 55.25)", () => {
    assert.deepEqual(flaggedIn(net, [1, 3, 227, 227]), ["features.2"]);
    assert.deepEqual(flaggedIn(net, [1, 3, 224, 224]), ["features.0"]);
    assert.deepEqual(nn.outputShapeOf(net, [1, 3, 224, 224]), [1, 1000]);
  });

  it("takes numClasses and dropout, and checks them", () => {
    const small = models.alexnet({ numClasses: 10, dropout: 0.3 });
    assert.equal(countOf(small), 61_100_840 - 4096 * 1000 - 1000 + 4096 * 10 + 10);
    assert.equal((small.classifier.at(0) as nn.Dropout).p, 0.3);
    assert.throws(() => models.alexnet({ dropout: -0.1 }), /alexnet: dropout must be a probability in \[0, 1\], got -0.1/);
  });
});

describe("ZFNet", () => {
  const net = models.zfnet();

  it("has 62,357,608 parameters, derived by hand from its layer table", () => {
    // conv 96@7×7 on 3: 96·3·49 + 96 = 14,208; conv 256@5×5 on 96: 614,656; conv 384@3×3 on 256:
    // 885,120; conv 384@3×3 on 384: 1,327,488; conv 256@3×3 on 384: 884,992; Linear 9216→4096:
    // 37,752,832; 4096→4096: 16,781,312; 4096→1000: 4,097,000
    const convs = (96 * 3 * 49 + 96) + (256 * 96 * 25 + 256) + (384 * 256 * 9 + 384) + (384 * 384 * 9 + 384) + (256 * 384 * 9 + 256);
    const linears = (9216 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000);
    assert.equal(convs + linears, 62_357_608);
    assert.equal(countOf(net), 62_357_608);
  });

  it("follows the paper's maps at 224×224: 110, 55, 26, 13, 13, 13, 6", () => {
    const maps = mapsOf(net, [1, 3, 224, 224]);
    const sides = ["features.0", "features.3", "features.4", "features.7", "features.8", "features.10", "features.12", "features.14"].map((n) => maps[n].slice(1));
    assert.deepEqual(sides, [[96, 110, 110], [96, 55, 55], [256, 26, 26], [256, 13, 13], [384, 13, 13], [384, 13, 13], [256, 13, 13], [256, 6, 6]]);
    assert.deepEqual(maps["classifier.6"], [1, 1000]);
  });

  it("widths \"deck\" gives conv3–5 512, 1024, 512 filters: 107,627,624 parameters, derived by hand", () => {
    const deck = models.zfnet({ widths: "deck" });
    // conv1 14,208 and conv2 614,656 as in the paper; conv 512@3×3 on 256: 1,180,160; conv 1024@3×3
    // on 512: 4,719,616; conv 512@3×3 on 1024: 4,719,104; Linear 18,432→4096: 75,501,568; 4096→4096:
    // 16,781,312; 4096→1000: 4,097,000
    const convs = 14_208 + 614_656 + (512 * 256 * 9 + 512) + (1024 * 512 * 9 + 1024) + (512 * 1024 * 9 + 512);
    const linears = (512 * 36 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000);
    assert.equal(convs + linears, 107_627_624);
    assert.equal(countOf(deck), 107_627_624);
    const maps = mapsOf(deck, [1, 3, 224, 224]);
    const sides = ["features.0", "features.3", "features.4", "features.7", "features.8", "features.10", "features.12", "features.14", "classifier.0"].map((n) => maps[n].slice(1));
    assert.deepEqual(sides, [[96, 110, 110], [96, 55, 55], [256, 26, 26], [256, 13, 13], [512, 13, 13], [1024, 13, 13], [512, 13, 13], [512, 6, 6], [4096]]);
    assert.equal(countOf(models.zfnet({ widths: "paper" })), 62_357_608);
    assert.throws(() => models.zfnet({ widths: "slides" as "deck" }), /zfnet: widths must be "paper" or "deck", got "slides"/);
  });

  it("flags only its first layer at 224×224: (224 − 7 + 2)/2 + 1 = 110.5, as in the paper", () => {
    assert.deepEqual(flaggedIn(net, [1, 3, 224, 224]), ["features.0"]);
  });

  it("runs on a reduced 67×67 input as the shapes say", () => {
    const y = noGrad(() => net.eval().forward(randn([2, 3, 67, 67])));
    assertShape(y, [2, 1000]);
    assert.deepEqual(mapsOf(net, [2, 3, 67, 67])["features.14"], [2, 256, 1, 1]);
  });
});
