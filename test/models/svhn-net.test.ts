import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, models, nn, randn, tensor } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { countOf } from "./fixture.js";
import { flaggedIn, mapsOf } from "./summary-maps.js";

describe("svhnNet (Sermanet, Chintala & LeCun 2012)", () => {
  const net = models.svhnNet();

  it("has 582,886 parameters, derived by hand: 16@5×5, 512@7×7, 8976→20→10", () => {
    const convs = (16 * 3 * 25 + 16) + (512 * 16 * 49 + 512);
    const linears = ((16 * 7 * 7 + 512 * 4 * 4) * 20 + 20) + (20 * 10 + 10);
    assert.deepEqual([convs, linears], [403_136, 179_750]);
    assert.equal(countOf(net), 582_886);
  });

  it("maps 3×32×32 to 16×28×28, 16×14×14, 512×8×8, 512×4×4 and the 16×7×7 branch, then 20 and 10", () => {
    const maps = mapsOf(net, [1, 3, 32, 32]);
    const names = ["stage1.0", "stage1.2", "stage1.3", "skip", "stage2.0", "stage2.2", "stage2.3", "classifier.0", "classifier.2"];
    assert.deepEqual(names.map((n) => maps[n]), [
      [1, 16, 28, 28], [1, 16, 14, 14], [1, 16, 14, 14], [1, 16, 7, 7], [1, 512, 8, 8], [1, 512, 4, 4], [1, 512, 4, 4], [1, 20], [1, 10],
    ]);
    assert.deepEqual(flaggedIn(net, [1, 3, 32, 32]), []);
  });

  it("pools by the L2 norm and normalises subtractively only", () => {
    const pool = net.stage1.at(2) as nn.LPPool2d;
    assert.equal(pool.normType, 2);
    const norm = net.stage2.at(3) as nn.LocalContrastNorm;
    assert.deepEqual([norm.size, norm.divisive], [7, false]);
  });

  it("runs forward as the shapes say, and the loss reaches the first stage through both paths", () => {
    manualSeed(3);
    const y = net.forward(randn([2, 3, 32, 32]));
    assertShape(y, [2, 10]);
    nn.functional.crossEntropy(y, tensor(Int32Array.from([4, 7]))).backward();
    const missing = net.namedParameters().filter(([, p]) => !p.grad || !p.grad.values.some((g) => g !== 0)).map(([name]) => name);
    assert.deepEqual(missing, []);
    // the classifier's first 784 inputs come from the branch: their weights get gradient too
    const branchWeights = (net.classifier.at(0) as nn.Linear).weight.grad!;
    assert.ok(Array.from({ length: 784 }, (_, j) => branchWeights.values[j]).some((g) => g !== 0));
  });

  it("takes numClasses, and checks it", () => {
    assert.equal(countOf(models.svhnNet({ numClasses: 11 })), 582_886 + 21);
    assert.throws(() => models.svhnNet({ numClasses: 1.5 }), /svhnNet: numClasses must be a positive integer, got 1.5/);
  });
});
