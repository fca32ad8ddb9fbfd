import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, models, nn, randint, randn } from "../../src/index.js";
import { assertShape } from "../helpers.js";
import { countOf, sgdLosses } from "./fixture.js";

describe("cifarQuick (W4)", () => {
  it("has 145,578 parameters and maps 3×32×32 images through 32→16→8→4 maps to 10 scores", () => {
    // conv 32@5×5 on 3, 32@5×5 on 32, 64@5×5 on 32; Linear 64·4·4→64, 64→10
    assert.equal(countOf(models.cifarQuick()), (32 * 75 + 32) + (32 * 800 + 32) + (64 * 800 + 64) + (1024 * 64 + 64) + (64 * 10 + 10));
    assert.equal(countOf(models.cifarQuick()), 145_578);
    const net = models.cifarQuick();
    assertShape(net.forward(randn([2, 3, 32, 32])), [2, 10]);
    assertShape([...net].slice(0, 9).reduce((x, layer) => (layer as nn.Module & { forward(x: unknown): never }).forward(x), randn([1, 3, 32, 32])), [1, 64, 4, 4]);
    assertShape(models.cifarQuick({ numClasses: 100 }).forward(randn([1, 3, 32, 32])), [1, 100]);
  });

  it("learns: 30 SGD steps (W4's momentum) cut the loss on a small batch by over a quarter", () => {
    manualSeed(4);
    const net = models.cifarQuick();
    const x = randn([8, 3, 32, 32]);
    const y = randint(0, 10, [8]);
    const losses = sgdLosses(net, x, y, { lr: 0.01, steps: 30 });
    assert.ok(losses.at(-1)! < 0.75 * losses[0], `loss ${losses[0].toFixed(3)} → ${losses.at(-1)!.toFixed(3)}`);
  });
});
