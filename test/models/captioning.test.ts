import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, manualSeed, randn, tensor, type Tensor } from "../../src/index.js";
import { CAPTION_END, CAPTION_START, captionBatch, captionedDigits, captionVocabulary, mnist } from "../../src/data/index.js";
import { captionHypotheses, captionImages, ShowAndTell, ShowAttendTell, trainCaptioner, type Captioner } from "../../src/models/index.js";
import { assertClose, assertShape } from "../helpers.js";

const vocabulary = captionVocabulary();
const start = vocabulary.id(CAPTION_START);
const end = vocabulary.id(CAPTION_END);
const decode = { startToken: start, endToken: end, maxLength: 14 };
const small = { widths: [4, 8, 8], embeddingDim: 16, hiddenSize: 32, attentionDim: 16 } as const;
const digitSource = await mnist("train", { limit: 100 });
const digits = captionedDigits(digitSource, { count: 4, seed: 2, layouts: [[1], [1, 1], [2, 1]] });

/** Sum of log p(word) over the tokens then the end token, read from the teacher-forced logits for one image (in evaluation mode, as decoding runs). */
function captionLogProb<S>(model: Captioner<S>, image: Tensor, tokens: number[]): number {
  const input = tensor(Int32Array.from([start, ...tokens]), [1, tokens.length + 1]);
  model.eval();
  const logProbs = model.forward(image, input).logSoftmax(-1).values;
  model.train();
  return [...tokens, end].reduce((sum, token, t) => sum + logProbs[t * vocabulary.size + token], 0);
}

/** Each model trained by teacher forcing on the 4 images until it has learned their captions. */
const runs = [
  { make: () => new ShowAttendTell(vocabulary.size, small), steps: 70, lr: 0.01 },
  { make: () => new ShowAndTell(vocabulary.size, small), steps: 120, lr: 0.02 },
].map(({ make, steps, lr }) => {
  manualSeed(1);
  const model = make();
  const losses = trainCaptioner(model, () => ({ images: digits.images, ...captionBatch(vocabulary, digits.captions) }), { steps, lr });
  return { model, losses, steps };
});
const words = (ids: number[][]) => ids.map((t) => vocabulary.decode(t).join(" "));

describe("captioning models learn the captions of a handful of images", () => {
  for (const { model, losses, steps } of runs) {
    it(`${model.constructor.name}: after ${steps} teacher-forced steps on 4 images, greedy and beam search say each caption exactly`, () => {
      assert.ok(losses[steps - 1] < 0.05 * losses[0], `loss ${losses[0]} → ${losses[steps - 1]}`);
      assert.deepEqual(words(captionImages(model, digits.images, decode)), digits.captions);
      assert.deepEqual(words(captionImages(model, digits.images, { ...decode, beamWidth: 3 })), digits.captions);
    });
  }
});

describe("ShowAndTell reads the image it is given first", () => {
  // Captions of lone digits ("a seven") differ only in the digit, so a model that ignores the image
  // can do no better than ln 10 / 3 ≈ 0.77 nats a token. Without the batch normalisation of x₋₁,
  // Adam grew its common part until the LSTM's gates saturated and the loss stayed there.
  it("on lone digits, 120 steps at lr 0.01 take the loss well below the cost of guessing the digit", () => {
    manualSeed(5);
    const model = new ShowAndTell(vocabulary.size, small);
    const losses = trainCaptioner(model, (step) => {
      const drawn = captionedDigits(digitSource, { count: 32, seed: 100 + step, layouts: [[1]] });
      return { images: drawn.images, ...captionBatch(vocabulary, drawn.captions) };
    }, { steps: 120, lr: 0.01 });
    const last = losses.slice(-20).reduce((a, b) => a + b, 0) / 20;
    assert.ok(last < 0.5, `mean loss of the last 20 steps ${last.toFixed(3)} (guessing the digit: ${(Math.log(10) / 3).toFixed(3)})`);
  });
});

describe("ShowAttendTell's soft attention", () => {
  it("reads one weight per feature-map location for every word, each map summing to 1", () => {
    manualSeed(2);
    const model = new ShowAttendTell(vocabulary.size, small);
    const b = captionBatch(vocabulary, digits.captions);
    const maps = model.attentionMaps(digits.images, b.input);
    assertShape(maps, [4, b.input.shape[1], 7, 7]);
    for (let row = 0; row < 4 * b.input.shape[1]; row++) {
      const alpha = Array.from(maps.values.subarray(row * 49, (row + 1) * 49));
      assert.ok(alpha.every((a) => a > 0));
      assertClose(alpha.reduce((s, a) => s + a, 0), 1, { rtol: 1e-5 });
    }
  });

  it("passes gradcheck from the logits back to the annotations, through attention, context and LSTM cell", () => {
    manualSeed(3);
    const model = new ShowAttendTell(6, { widths: [2, 2, 3], embeddingDim: 4, hiddenSize: 5, attentionDim: 4 });
    const input = tensor(new Int32Array([1, 4, 2, 1, 3, 5]), [2, 3]);
    const annotations = randn([2, 4, 3], { dtype: "float64" });
    assert.equal(gradcheck((a) => model.run(input, model.startFrom(a)).logits, [annotations], { atol: 1e-4 }), true);
  });
});

describe("decoding a captioner", () => {
  manualSeed(4);
  const model = new ShowAttendTell(vocabulary.size, small);
  const images = randn([6, 1, 56, 56]);
  // Images the trained model has not seen, so that it is unsure of some words.
  const unseen = captionedDigits(digitSource, { count: 8, seed: 9 }).images;

  it("decodes in batches of any size to the same captions, in evaluation mode, leaving the mode as it was", () => {
    const whole = captionImages(model, images, decode);
    assert.equal(model.training, true);
    assert.deepEqual(captionImages(model, images, { ...decode, batchSize: 4 }), whole);
    assert.equal(model.training, true);
  });

  it("beam search of width 1 equals greedy decoding", () => {
    assert.deepEqual(captionImages(model, images, { ...decode, beamWidth: 1 }), captionImages(model, images, decode));
    assert.deepEqual(captionImages(runs[0].model, unseen, { ...decode, beamWidth: 1 }), captionImages(runs[0].model, unseen, decode));
  });

  // The toy decoder of seq2seq-decode.test.ts shows beam search beating greedy; here, on a trained
  // captioner, its best caption is never less likely than greedy's.
  it("scores a hypothesis by the sum of its words' log-probabilities, end token included, and scores at least greedy's caption", () => {
    const trained = runs[0].model;
    const greedy = captionImages(trained, unseen, decode);
    const beams = captionHypotheses(trained, unseen, { ...decode, beamWidth: 4 });
    beams.forEach((hyps, i) => {
      const image = unseen.narrow(0, i, 1);
      for (const h of hyps) assertClose(h.logProb, captionLogProb(trained, image, h.tokens), { rtol: 1e-4, atol: 1e-4 });
      const greedyScore = captionLogProb(trained, image, greedy[i]);
      assert.ok(hyps[0].logProb >= greedyScore - 1e-4, `image ${i}: beam ${hyps[0].logProb} < greedy ${greedyScore}`);
    });
  });

  it("names bad input: images of the wrong size, a beam width below 1", () => {
    const b = captionBatch(vocabulary, ["a one"]);
    assert.throws(() => model.forward(randn([1, 1, 28, 28]), b.input), /^TypeError: CaptionEncoder: images must be float \[N, 1, 56, 56\] \(the size the encoder was built for\), got float32 \[1, 1, 28, 28\]$/);
    assert.throws(() => captionImages(model, images, { ...decode, beamWidth: 0 }), /^RangeError: captionImages: beamWidth must be a positive integer, got 0$/);
    assert.throws(() => captionHypotheses(model, images, { ...decode, beamWidth: 1.5 }), /captionHypotheses: beamWidth must be a positive integer, got 1.5/);
    assert.throws(() => captionImages(model, images, { ...decode, batchSize: 0 }), /captionImages: batchSize must be a positive integer, got 0/);
    assert.throws(() => new ShowAndTell(vocabulary.size, { imageSize: [30, 30] }), /CaptionEncoder: imageSize must be \[height, width\], multiples of 8, got \[30, 30\]/);
  });
});
