import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { models, nn } from "../../src/index.js";
import { countOf } from "./fixture.js";
import { flaggedIn, mapsOf } from "./summary-maps.js";

describe("C3D (Tran et al. 2015)", () => {
  const net = models.c3d();

  it("has 79,991,015 parameters with Sports-1M's 487 classes, derived by hand", () => {
    // 3×3×3 convolutions, out·in·27 + out: 3→64 5,248; 64→128 221,312; 128→256 884,992;
    // 256→256 1,769,728; 256→512 3,539,456; 512→512 7,078,400 (three times);
    // fc6 8192→4096 33,558,528; fc7 4096→4096 16,781,312; fc8 4096→487 1,995,239
    const convs = [[3, 64], [64, 128], [128, 256], [256, 256], [256, 512], [512, 512], [512, 512], [512, 512]].reduce((n, [i, o]) => n + o * i * 27 + o, 0);
    assert.equal(convs, 27_655_936);
    assert.equal(convs + (8192 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 487 + 487), 79_991_015);
    assert.equal(countOf(net), 79_991_015);
  });

  it("takes a 3×16×112×112 clip through the paper's maps to 487 scores (shapes only)", () => {
    const maps = mapsOf(net, [1, 3, 16, 112, 112]);
    const pools = ["features.2", "features.5", "features.10", "features.15", "features.20"].map((n) => maps[n].slice(1));
    assert.deepEqual(pools, [[64, 16, 56, 56], [128, 8, 28, 28], [256, 4, 14, 14], [512, 2, 7, 7], [512, 1, 4, 4]]);
    assert.deepEqual([maps["features.21"], maps["classifier.0"], maps["classifier.3"], maps["classifier.6"]], [[1, 8192], [1, 4096], [1, 4096], [1, 487]]);
    assert.deepEqual(flaggedIn(net, [1, 3, 16, 112, 112]), []);
  });

  it("pools time only from the second stage on: pool1 is 1×2×2, pool5 rounds up", () => {
    const pools = net.features.children().filter((m): m is nn.MaxPool3d => m instanceof nn.MaxPool3d);
    assert.deepEqual(pools.map((p) => [...p.geometry.kernel]), [[1, 2, 2], [2, 2, 2], [2, 2, 2], [2, 2, 2], [2, 2, 2]]);
    assert.deepEqual(pools.map((p) => p.geometry.ceilMode), [false, false, false, false, true]);
  });

  it("takes numClasses and dropout, and checks them", () => {
    const ucf = models.c3d({ numClasses: 101, dropout: 0.3 });
    assert.equal(countOf(ucf), 79_991_015 - 4096 * 386 - 386);
    assert.equal((ucf.classifier.at(2) as nn.Dropout).p, 0.3);
    assert.throws(() => models.c3d({ dropout: 2 }), /c3d: dropout must be a probability in \[0, 1\], got 2/);
  });
});
