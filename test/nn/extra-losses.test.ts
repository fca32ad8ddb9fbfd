import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, nn, rand, randn, tensor, ShapeError, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { checkAgainstTorch, loadExtra, title } from "./extra-fixture.js";
import { decode, decodeOptions } from "./fixture.js";

const F = nn.functional;

type LossFn = (...args: never[]) => Tensor;

/** Each functional loss and its module twin, by the name the fixture script uses. */
const LOSSES: Record<string, [LossFn, new (options: never) => nn.Module]> = {
  binaryCrossEntropy: [F.binaryCrossEntropy, nn.BCELoss],
  smoothL1Loss: [F.smoothL1Loss, nn.SmoothL1Loss],
  cosineEmbeddingLoss: [F.cosineEmbeddingLoss, nn.CosineEmbeddingLoss],
  tripletMarginLoss: [F.tripletMarginLoss, nn.TripletMarginLoss],
  euclideanLoss: [F.euclideanLoss, nn.EuclideanLoss],
};

describe("more losses match PyTorch (outputs and input gradients)", () => {
  for (const c of loadExtra("losses.json")) {
    it(title(c), () => {
      const [fn, Criterion] = LOSSES[c.name];
      const options = decodeOptions(c.options);
      const call = fn as (...args: unknown[]) => Tensor;
      checkAgainstTorch(c, (...inputs) => call(...inputs, options));
      const criterion = new Criterion(options as never);
      const inputs = c.inputs.map(decode);
      assertClose(criterion.forward(...inputs), decode(c.output), { message: "module output" });
      if (criterion instanceof nn.Loss) {
        const gradOutput = c.gradOutput ? decode(c.gradOutput) : undefined;
        assertClose(criterion.backward(inputs[0], inputs[1], gradOutput), decode(c.grads[0]!), { message: "Torch7 backward" });
      }
    });
  }
});

describe("more losses pass gradcheck (float64)", () => {
  const f64 = { dtype: "float64" } as const;
  const [a, b, n] = [randn([4, 3], f64), randn([4, 3], f64), randn([4, 3], f64)];
  const signs = tensor([1, -1, -1, 1], { dtype: "int32" });
  const weight = rand([4, 3], f64);
  const cases: [string, (...t: Tensor[]) => Tensor, Tensor[]][] = [
    ["binaryCrossEntropy (input and target)", (x, t) => F.binaryCrossEntropy(x, t, { weight }), [rand([4, 3], f64).mul(0.9).add(0.05), rand([4, 3], f64)]],
    ["smoothL1Loss", (x, t) => F.smoothL1Loss(x, t, { beta: 0.7 }), [a, b]],
    ["euclideanLoss", (x, t) => F.euclideanLoss(x, t, { reduction: "sum" }), [a, b]],
    ["cosineEmbeddingLoss", (x, y) => F.cosineEmbeddingLoss(x, y, signs, { margin: -1 }), [a, b]],
    ["tripletMarginLoss, swapped, p = 3", (x, p, q) => F.tripletMarginLoss(x, p, q, { margin: 5, p: 3, swap: true }), [a, b, n]],
    ["contrastiveLoss", (x, y) => F.contrastiveLoss(x, y, tensor([0, 1, 1, 0]), { margin: 10 }), [a, b]],
  ];
  for (const [name, fn, inputs] of cases) it(name, () => assert.equal(gradcheck(fn, inputs), true));
});

describe("binaryCrossEntropy at the ends of [0, 1]", () => {
  it("clamps each log at −100, as PyTorch, with finite gradients", () => {
    const p = tensor([0, 1, 0, 1]).requiresGrad_();
    const loss = F.binaryCrossEntropy(p, tensor([1, 0, 0.3, 1]), { reduction: "none" });
    assertClose(loss, [100, 100, 30, 0]);
    loss.sum().backward();
    assert.ok(Array.from(p.grad!.values).every(Number.isFinite), `gradient ${Array.from(p.grad!.values)}`);
  });

  it("refuses values outside [0, 1], pointing to the logits form", () => {
    assert.throws(() => F.binaryCrossEntropy(tensor([0.5, 1.5]), tensor([0, 1])), /input must hold probabilities in \[0, 1\], got 1.5 at flat index 1; for logits use binaryCrossEntropyWithLogits/);
  });
});

describe("contrastiveLoss (Hadsell, Chopra & LeCun 2006; Y = 0 similar, Y = 1 dissimilar)", () => {
  // by hand, margin 1: a similar pair 5 apart costs ½·5² = 12.5; a dissimilar pair 0.5 apart
  // ½(1 − 0.5)² = 0.125; a dissimilar pair at distance 0 costs ½·1² = 0.5
  const x1 = () => tensor([[0, 0], [0, 0], [1, 1]]).requiresGrad_();
  const x2 = tensor([[3, 4], [0.3, 0.4], [1, 1]]);
  const y = tensor([0, 1, 1], { dtype: "int32" });

  it("matches the hand-computed losses and reductions", () => {
    assertClose(F.contrastiveLoss(x1(), x2, y, { reduction: "none" }), [12.5, 0.125, 0.5]);
    assertClose(F.contrastiveLoss(x1(), x2, y), 13.125 / 3);
    assertClose(new nn.ContrastiveLoss({ reduction: "sum", margin: 2 }).forward(x1(), x2, y), 12.5 + 0.5 * 1.5 ** 2 + 2);
  });

  it("pulls the similar pair together, pushes the close dissimilar pair apart, and stays finite at D = 0", () => {
    const input = x1();
    F.contrastiveLoss(input, x2, y, { reduction: "sum" }).backward();
    // d/dx1 of ½D² is x1 − x2; of ½(m − D)² it is −(m − D)·(x1 − x2)/D; at D = 0, 0 by convention
    assertClose(input.grad!, [-3, -4, 0.3, 0.4, 0, 0]);
  });

  it("a dissimilar pair beyond the margin costs nothing", () => {
    assertClose(F.contrastiveLoss(tensor([0, 0]), tensor([3, 4]), tensor(1), { margin: 4 }), 0);
  });

  it("refuses labels other than 0 and 1", () => {
    assert.throws(() => F.contrastiveLoss(randn([2, 3]), randn([2, 3]), tensor([1, -1])), /target must be 0 \(similar\) or 1 \(dissimilar\), got -1 at flat index 1/);
  });
});

describe("shape errors name the shapes", () => {
  it("pairs and triplets of different shapes, and labels that do not fit", () => {
    assert.throws(() => F.cosineEmbeddingLoss(randn([4, 3]), randn([4, 2]), tensor([1, 1, 1, 1])), (e: Error) =>
      e instanceof ShapeError && /input2 of shape \[4, 2\] must have input1's shape \[4, 3\]/.test(e.message));
    assert.throws(() => F.tripletMarginLoss(randn([4, 3]), randn([4, 3]), randn([3, 3])), /negative of shape \[3, 3\] must have anchor's shape \[4, 3\]/);
    assert.throws(() => F.contrastiveLoss(randn([4, 3]), randn([4, 3]), tensor([0, 1])), /target must have shape \[4\] \(one label per pair of \[4, 3\] embeddings\), got \[2\]/);
    assert.throws(() => F.tripletMarginLoss(randn([2, 2, 3]), randn([2, 2, 3]), randn([2, 2, 3])), /anchor must be \[N, D\] or \[D\], got shape \[2, 2, 3\]/);
  });

  it("elementwise losses want the input's shape", () => {
    assert.throws(() => F.smoothL1Loss(randn([2, 3]), randn([3, 2])), /smoothL1Loss: target of shape \[3, 2\] must have the input's shape \[2, 3\]/);
    assert.throws(() => new nn.EuclideanLoss().forward(randn([2, 3]), randn([2])), /euclideanLoss: target of shape \[2\] must have the input's shape \[2, 3\]/);
    assert.throws(() => F.binaryCrossEntropy(rand([2]), rand([2, 1])), /binaryCrossEntropy: target of shape \[2, 1\]/);
  });
});
