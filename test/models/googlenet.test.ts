import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { models, nn, noGrad, randn } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { countOf, fillDeterministic, fixtureImage, layoutOf, loadFixture, torchvisionCounts, type Layout, type OutputCase } from "./fixture.js";

describe("Inception module", () => {
  // inception (3a): 192 channels in; 64 + 128 + 32 + 32 = 256 out
  const block = new models.Inception(192, 64, 96, 128, 16, 32, 32);

  it("concatenates its four branches along the channels at full size", () => {
    const y = noGrad(() => block.eval().forward(randn([1, 192, 28, 28])));
    assertShape(y, [1, 256, 28, 28]);
    assert.deepEqual(nn.outputShapeOf(block, [1, 192, 28, 28]), [1, 256, 28, 28]);
  });

  it("has the parameters of its branches, counted by hand", () => {
    // a BasicConv2d has in·out·k² conv weights (no bias) and 2·out batch-norm parameters
    const basic = (inCh: number, outCh: number, k: number) => inCh * outCh * k * k + 2 * outCh;
    const expected = basic(192, 64, 1) + basic(192, 96, 1) + basic(96, 128, 3) + basic(192, 16, 1) + basic(16, 32, 3) + basic(192, 32, 1);
    assert.equal(countOf(block), expected);
    const paper = new models.Inception(192, 64, 96, 128, 16, 32, 32, { wideKernel: 5 });
    assert.equal(countOf(paper), expected - 16 * 32 * 9 + 16 * 32 * 25);
    assert.deepEqual(nn.outputShapeOf(paper, [2, 192, 9, 9]), [2, 256, 9, 9]);
  });

  it("puts each branch's channels where torchvision does (branch order 1×1, 3×3, wide, pool)", () => {
    const x = randn([1, 192, 5, 5]);
    block.eval();
    const y = noGrad(() => block.forward(x));
    const branch3 = noGrad(() => block.branch3.forward(x));
    assertClose(y.narrow(1, 64 + 128, 32), branch3);
  });

  it("refuses branches that cannot be concatenated, naming the shapes", () => {
    const broken = new models.Inception(8, 4, 4, 4, 4, 4, 4);
    broken.branch1 = new models.BasicConv2d(8, 4, 1, { stride: 2 });
    assert.throws(() => nn.outputShapeOf(broken, [1, 8, 6, 6]), /Inception: branch 1's output \[1, 4, 6, 6\] and branch 0's \[1, 4, 3, 3\] differ outside dim 1, so they cannot be concatenated/);
  });
});

describe("GoogLeNet", () => {
  const layouts = loadFixture<Record<string, Layout>>("keys.json");
  const withAux = models.googlenet({ auxLogits: true });

  it("has torchvision's parameter counts: 6,624,904 without auxiliary classifiers, 13,004,888 with", () => {
    assert.equal(countOf(models.googlenet()), 6_624_904);
    assert.equal(countOf(withAux), 13_004_888);
    assert.deepEqual([torchvisionCounts.googlenet, torchvisionCounts.googlenet_aux], [6_624_904, 13_004_888]);
  });

  it("has torchvision's state-dict keys, in order, with its shapes (and without the aux keys when it has no aux)", () => {
    assert.deepEqual(layoutOf(withAux), layouts.googlenet_aux);
    assert.deepEqual(layoutOf(models.googlenet()), layouts.googlenet_aux.filter(([key]) => !key.startsWith("aux")));
  });

  it("gives 1000 scores for a 224×224 image (shapes only), the 7×7×1024 map before pooling", () => {
    const rows = nn.summarize(withAux, [1, 3, 224, 224], { depth: 0 }).rows;
    const shapes = Object.fromEntries(rows.map((r) => [r.name, r.outputShape]));
    assert.deepEqual(shapes.maxpool2, [1, 192, 28, 28]);
    assert.deepEqual(shapes.inception4e, [1, 832, 14, 14]);
    assert.deepEqual(shapes.inception5b, [1, 1024, 7, 7]);
    assert.deepEqual(shapes.fc, [1, 1000]);
    assert.ok(!rows.some((r) => r.name.startsWith("aux")), "the auxiliary heads are not on the inference path");
  });

  it("computes what torchvision's googlenet computes (eval mode, fixed weights and input)", () => {
    const c = loadFixture<OutputCase[]>("outputs.json").find((o) => o.model === "googlenet")!;
    const net = models.googlenet({ numClasses: 10 });
    fillDeterministic(net);
    net.eval();
    const y = noGrad(() => net.forward(fixtureImage(c.inputShape)));
    assertShape(y, c.output.shape);
    assert.deepEqual(nn.outputShapeOf(net, c.inputShape), c.output.shape);
    // float32 through 22 layers summed in another order than PyTorch's: 1e-5 absolute for logits near 0
    assertClose(y, c.output.values, { rtol: 1e-4, atol: 1e-5 });
  });

  it("returns the auxiliary classifiers' scores from forwardWithAux, and only the logits from forward", () => {
    const net = models.googlenet({ numClasses: 7, auxLogits: true });
    const x = randn([2, 3, 64, 64]);
    const { logits, aux1, aux2 } = noGrad(() => net.eval().forwardWithAux(x));
    assertShape(logits, [2, 7]);
    assertShape(aux1!, [2, 7]);
    assertShape(aux2!, [2, 7]);
    assertClose(noGrad(() => net.forward(x)), logits);
    assert.deepEqual(nn.outputShapeOf(net.aux1!, [2, 512, 14, 14]), [2, 7]);
    const plain = noGrad(() => models.googlenet({ numClasses: 7 }).eval().forwardWithAux(x));
    assert.equal(plain.aux1, null);
    assert.equal(plain.aux2, null);
  });

  it("checks its options", () => {
    assert.throws(() => models.googlenet({ numClasses: 2.5 }), /GoogLeNet: numClasses must be a positive integer, got 2.5/);
    assert.throws(() => models.googlenet({ dropout: 1.5 }), /GoogLeNet: dropout must be a probability in \[0, 1\], got 1.5/);
    assert.throws(() => new models.Inception(8, 4, 4, 4, 4, 4, 4, { wideKernel: 7 as 5 }), /Inception: wideKernel must be 3 or 5, got 7/);
  });
});
