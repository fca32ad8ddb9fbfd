import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { models, nn, noGrad, randn } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { countOf } from "./fixture.js";
import { flaggedIn, mapsOf } from "./summary-maps.js";

describe("alexnetOriginal (Krizhevsky et al. 2012, Caffe's bvlc_alexnet)", () => {
  const net = models.alexnetOriginal();

  it("has Caffe's reference count, 60,965,224, derived by hand from its layers", () => {
    // conv1 96@11×11 on 3: 34,944; conv2 256@5×5 on 96/2: 307,456; conv3 384@3×3 on 256: 885,120;
    // conv4 384@3×3 on 384/2: 663,936; conv5 256@3×3 on 384/2: 442,624; fc6 9216→4096: 37,752,832;
    // fc7 4096→4096: 16,781,312; fc8 4096→1000: 4,097,000
    // [filters, input channels per group, taps]: weights filters·channels·taps plus a bias per filter
    const convs = [[96, 3, 121], [256, 48, 25], [384, 256, 9], [384, 192, 9], [256, 192, 9]].reduce((n, [o, i, k]) => n + o * i * k + o, 0);
    const linears = [[9216, 4096], [4096, 4096], [4096, 1000]].reduce((n, [i, o]) => n + i * o + o, 0);
    assert.deepEqual([convs, linears, convs + linears], [2_334_080, 58_631_144, 60_965_224]);
    assert.equal(countOf(net), 60_965_224);
  });

  it("splits conv2, conv4 and conv5 into two towers (groups 2), not conv3", () => {
    const convs = net.features.children().filter((m): m is nn.Conv2d => m instanceof nn.Conv2d);
    assert.deepEqual(convs.map((c) => c.groups), [1, 2, 1, 2, 2]);
    assert.deepEqual(convs.map((c) => [...c.weight.shape]), [[96, 3, 11, 11], [256, 48, 5, 5], [384, 256, 3, 3], [384, 192, 3, 3], [256, 192, 3, 3]]);
  });

  it("normalises with Caffe's LRN (5 channels, α 1e-4 divided by 5, β 0.75, k 1) after the first two ReLUs", () => {
    const lrns = [net.features.at(2), net.features.at(6)];
    for (const lrn of lrns) {
      assert.ok(lrn instanceof nn.LocalResponseNorm);
      assert.deepEqual([lrn.size, lrn.alpha, lrn.beta, lrn.k], [5, 1e-4, 0.75, 1]);
    }
  });

  it("prints the paper's maps at 227×227: 55×55×96, 27×27×96, 27×27×256, 13×13×256, 13×13×384 ×2, 13×13×256, 6×6×256, 4096, 4096, 1000", () => {
    const maps = mapsOf(net, [1, 3, 227, 227]);
    const names = ["features.2", "features.3", "features.6", "features.7", "features.9", "features.11", "features.13", "features.14", "classifier.2", "classifier.5", "classifier.6"];
    assert.deepEqual(names.map((n) => maps[n]), [
      [1, 96, 55, 55], [1, 96, 27, 27], [1, 256, 27, 27], [1, 256, 13, 13], [1, 384, 13, 13], [1, 384, 13, 13],
      [1, 256, 13, 13], [1, 256, 6, 6], [1, 4096], [1, 4096], [1, 1000],
    ]);
    assert.deepEqual(flaggedIn(net, [1, 3, 227, 227]), []);
  });

  it("runs forward on a reduced 67×67 input as the shapes say", () => {
    const y = noGrad(() => net.eval().forward(randn([2, 3, 67, 67])));
    assertShape(y, [2, 1000]);
    assert.deepEqual(mapsOf(net, [2, 3, 67, 67])["features.14"], [2, 256, 1, 1]);
  });

  it("takes numClasses and dropout, and checks them", () => {
    const small = models.alexnetOriginal({ numClasses: 10, dropout: 0.2 });
    assert.equal(countOf(small), 60_965_224 - 4096 * 990 - 990);
    assert.equal((small.classifier.at(2) as nn.Dropout).p, 0.2);
    assert.throws(() => models.alexnetOriginal({ numClasses: 0 }), /alexnetOriginal: numClasses must be a positive integer, got 0/);
  });
});
