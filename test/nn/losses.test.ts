import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, nn, randn, rand, tensor, ShapeError, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { decode, decodeOptions, loadFixture, type EncodedTensor } from "./fixture.js";

const F = nn.functional;

interface LossCase {
  fn: string;
  options: Record<string, unknown>;
  input: EncodedTensor;
  target: EncodedTensor;
  output: EncodedTensor;
  gradInput: EncodedTensor;
  gradOutput?: EncodedTensor;
}

type LossFn = (input: Tensor, target: Tensor, options: object) => Tensor;

/** Each functional loss and its module twin, by the name the fixture script uses. */
const LOSSES: Record<string, [LossFn, new (options: never) => nn.Loss]> = {
  crossEntropy: [F.crossEntropy, nn.CrossEntropyLoss],
  nllLoss: [F.nllLoss, nn.NLLLoss],
  multiMarginLoss: [F.multiMarginLoss, nn.MultiMarginLoss],
  mseLoss: [F.mseLoss, nn.MSELoss],
  l1Loss: [F.l1Loss, nn.L1Loss],
  huberLoss: [F.huberLoss, nn.HuberLoss],
  binaryCrossEntropyWithLogits: [F.binaryCrossEntropyWithLogits, nn.BCEWithLogitsLoss],
  klDiv: [F.klDiv, nn.KLDivLoss],
};

describe("losses match PyTorch (outputs and input gradients)", () => {
  for (const c of loadFixture<LossCase[]>("losses.json")) {
    it(`${c.fn}(${JSON.stringify(c.options, (k, v) => (k === "values" ? "…" : v))}) on ${JSON.stringify(c.input.shape)}`, () => {
      const [fn, Module] = LOSSES[c.fn];
      const options = decodeOptions(c.options);
      const target = decode(c.target);
      const gradOutput = c.gradOutput ? decode(c.gradOutput) : undefined;
      const x = decode(c.input).requiresGrad_();
      const loss = fn(x, target, options);
      assertClose(loss, decode(c.output), { message: "output" });
      loss.backward(gradOutput);
      assertClose(x.grad!, decode(c.gradInput), { message: "autograd gradInput" });

      const criterion = new Module(options as never);
      assertClose(criterion.forward(decode(c.input), target), decode(c.output), { message: "module output" });
      assertClose(criterion.backward(decode(c.input), target, gradOutput), decode(c.gradInput), { message: "Torch7 backward" });
    });
  }
});

describe("losses pass gradcheck (float64)", () => {
  const f64 = { dtype: "float64" } as const;
  const scores = randn([4, 5], f64);
  const labels = tensor([1, 0, 4, 1], { dtype: "int32" });
  const weight = tensor([0.5, 1, 2, 1.5, 0.8], f64);
  const a = randn([3, 4], f64);
  const b = randn([3, 4], f64);
  const cases: [string, (x: Tensor, t: Tensor) => Tensor, Tensor, Tensor][] = [
    ["crossEntropy with weight and label smoothing", (x, t) => F.crossEntropy(x, t, { weight, labelSmoothing: 0.2 }), scores, labels],
    ["crossEntropy over spatial positions", (x, t) => F.crossEntropy(x, t), randn([2, 3, 2, 2], f64), tensor([[[0, 2], [1, 1]], [[2, 0], [0, 1]]], { dtype: "int32" })],
    ["nllLoss with weight and ignoreIndex", (x, t) => F.nllLoss(x, t, { weight, ignoreIndex: 4 }), scores, labels],
    ["multiMarginLoss, squared, weighted", (x, t) => F.multiMarginLoss(x, t, { p: 2, weight, margin: 0.8 }), scores, labels],
    ["mseLoss", (x, t) => F.mseLoss(x, t, { reduction: "sum" }), a, b],
    ["l1Loss", (x, t) => F.l1Loss(x, t), a, b],
    ["huberLoss", (x, t) => F.huberLoss(x, t, { delta: 0.7 }), a, b],
    ["binaryCrossEntropyWithLogits (input and target)", (x, t) => F.binaryCrossEntropyWithLogits(x, t, { posWeight: tensor([1, 2, 0.5, 3], f64) }), a, rand([3, 4], f64)],
    ["klDiv (input and target)", (x, t) => F.klDiv(x, t, { reduction: "batchmean" }), a.logSoftmax(1), b.softmax(1)],
    ["klDiv with logTarget", (x, t) => F.klDiv(x, t, { logTarget: true }), a.logSoftmax(1), b.logSoftmax(1)],
  ];
  for (const [name, fn, x, t] of cases) it(name, () => assert.equal(gradcheck(fn, [x, t]), true));
});

describe("loss behaviour", () => {
  it("binaryCrossEntropyWithLogits stays finite and exact for huge logits", () => {
    const x = tensor([1000, -1000, 80, -80]);
    const t = tensor([1, 0, 0, 1]);
    assertClose(F.binaryCrossEntropyWithLogits(x, t, { reduction: "none" }), [0, 0, 80, 80]);
  });

  it("crossEntropy of uniform logits is log C, and 0 for a confident right answer", () => {
    assertClose(F.crossEntropy(tensor([[0, 0, 0, 0]]), tensor([2], { dtype: "int32" })), Math.log(4));
    assertClose(F.crossEntropy(tensor([[0, 100, 0]]), tensor([1], { dtype: "int32" })), 0);
  });

  it("criterions register their class weights as buffers named as in PyTorch", () => {
    const w = tensor([1, 2, 3]);
    assert.deepEqual([...new nn.CrossEntropyLoss({ weight: w }).stateDict().keys()], ["weight"]);
    assert.deepEqual([...new nn.BCEWithLogitsLoss({ posWeight: w }).stateDict().keys()], ["pos_weight"]);
  });
});

describe("loss errors name the function, what it got and what it wanted", () => {
  const logits = randn([3, 4]);
  it("float targets given to crossEntropy", () => {
    assert.throws(() => F.crossEntropy(logits, tensor([0, 1, 2])), /crossEntropy: target must hold class indices as int32, got float32 of shape \[3\]/);
  });

  it("a class index out of range", () => {
    assert.throws(() => F.crossEntropy(logits, tensor([0, 4, 1], { dtype: "int32" })), /crossEntropy: target class 4 at position 1 is out of range for 4 classes \(expected 0 to 3\)/);
    assert.throws(() => F.nllLoss(logits, tensor([0, -1, 1], { dtype: "int32" })), /nllLoss: target class -1 at position 1/);
  });

  it("a target that does not fit the batch", () => {
    assert.throws(() => F.crossEntropy(logits, tensor([0, 1], { dtype: "int32" })), (e: Error) =>
      e instanceof ShapeError && /target of shape \[2\] does not fit input of shape \[3, 4\]; expected \[3\]/.test(e.message));
  });

  it("a class weight of the wrong length", () => {
    assert.throws(() => F.crossEntropy(logits, tensor([0, 1, 2], { dtype: "int32" }), { weight: tensor([1, 2]) }), /weight must be a float vector of one value per class, shape \[4\]; got float32 \[2\]/);
  });

  it("mismatched shapes for elementwise losses (no silent broadcasting)", () => {
    assert.throws(() => F.mseLoss(randn([4, 1]), randn([4])), /mseLoss: target of shape \[4\] must have the input's shape \[4, 1\]/);
  });

  it("an unknown reduction or bad option", () => {
    assert.throws(() => F.l1Loss(randn([2]), randn([2]), { reduction: "avg" as never }), /l1Loss: reduction must be "mean", "sum", "none"; got "avg"/);
    assert.throws(() => F.klDiv(randn([2]), randn([2]), { reduction: "batch" as never }), /"batchmean"/);
    assert.throws(() => F.crossEntropy(logits, tensor([0, 1, 2], { dtype: "int32" }), { labelSmoothing: 1.5 }), /labelSmoothing must be in \[0, 1\], got 1.5/);
    assert.throws(() => F.huberLoss(randn([2]), randn([2]), { delta: 0 }), /delta must be positive/);
  });
});
