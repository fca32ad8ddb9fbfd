/** Training and reading a MemN2N: when linear start ends, and the statements each hop attended to most. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed } from "../../src/index.js";
import { babiBatch, babiBatchRows, BabiVocabulary, generateBabi, parseBabi } from "../../src/data/index.js";
import { MemN2N, memn2nEvaluate, topAttention, trainMemN2N } from "../../src/models/index.js";
import { assertClose } from "../helpers.js";

const samples = parseBabi(generateBabi(1, { questions: 40, seed: 5 }));
const vocab = BabiVocabulary.fromSamples(samples);
const batch = babiBatch(samples, vocab, { memorySize: 10 });

describe("trainMemN2N", () => {
  it("re-inserts the memory softmaxes once the validation loss stops falling (here at once: lr 0)", () => {
    manualSeed(0);
    const model = new MemN2N(vocab.size, { memorySize: 10 });
    const reports = trainMemN2N(model, batch, { epochs: 3, lr: 0, linearStart: true });
    assert.deepEqual(reports.map((r) => r.linear), [true, true, false]);
    assert.equal(reports[0].validationLoss, reports[1].validationLoss);
    assert.notEqual(reports[1].validationLoss, reports[2].validationLoss, "the softmax changes the answers");
    assert.equal(model.linearStart, false);
    assert.throws(() => trainMemN2N(model, batch, { optimizer: "rmsprop" as "sgd" }), /trainMemN2N: optimizer must be "sgd" or "adam", got "rmsprop"/);
  });

  it("with linearStartEpochs, trains that many linear epochs at linearStartLr, then `epochs` more whose halving starts afresh", () => {
    manualSeed(0);
    const model = new MemN2N(vocab.size, { memorySize: 10 });
    const reports = trainMemN2N(model, batch, { epochs: 3, lr: 0.01, linearStart: true, linearStartEpochs: 2, linearStartLr: 0.004, annealEvery: 1 });
    assert.deepEqual(reports.map((r) => r.linear), [true, true, false, false, false]);
    assert.deepEqual(reports.map((r) => r.lr), [0.004, 0.004, 0.01, 0.005, 0.0025]);
    const adaptive = trainMemN2N(new MemN2N(vocab.size, { memorySize: 10 }), batch, { epochs: 3, lr: 0.01, linearStart: true, annealEvery: 2 });
    assert.deepEqual(adaptive.map((r) => r.lr), adaptive.map((r, i) => (r.linear ? 0.005 : 0.01) * 0.5 ** Math.floor(i / 2)), "without it, linear start halves the rate on the usual schedule");
    assert.throws(() => trainMemN2N(model, batch, { linearStartEpochs: 2 }), /trainMemN2N: linearStartEpochs must be a positive integer, with linearStart, got 2 without linearStart/);
    assert.throws(() => trainMemN2N(model, batch, { linearStart: true, linearStartEpochs: 0 }), /linearStartEpochs must be a positive integer, with linearStart, got 0/);
  });

  it("keeps the weights of the epoch with the lowest validation error, and with keepBest false the last epoch's", () => {
    // the validation rows trainMemN2N holds out: the first quarter of its seeded shuffle of the rows
    const rows = new Generator(3).shuffled(Array.from({ length: samples.length }, (_, i) => i)).slice(0, samples.length / 4);
    const validation = babiBatchRows(batch, rows);
    for (const keepBest of [true, false]) {
      manualSeed(2);
      const model = new MemN2N(vocab.size, { memorySize: 10 });
      const reports = trainMemN2N(model, batch, { epochs: 6, lr: 0.05, keepBest, validationFraction: 0.25, seed: 3 });
      const best = reports.reduce((a, b) => (b.validationError < a.validationError || (b.validationError === a.validationError && b.validationLoss < a.validationLoss) ? b : a));
      assert.ok(best.epoch < reports.length, "an earlier epoch than the last is best here, so keeping it shows");
      const kept = keepBest ? best : reports[reports.length - 1];
      const { loss, error } = memn2nEvaluate(model, validation);
      assert.equal(error, kept.validationError);
      assertClose(loss, kept.validationLoss, { atol: 1e-6 });
      if (keepBest) assert.ok(reports.every((r) => r.validationError >= error));
    }
  });
});

describe("topAttention", () => {
  it("lists each hop's most attended statements, largest first, by story index", () => {
    manualSeed(1);
    const model = new MemN2N(vocab.size, { memorySize: 10, initStd: 1 });
    const { attention } = model.forwardWithAttention(batch.memories, batch.queries, batch.memoryMask);
    const row = batch.storyIndex.findIndex((slots) => slots.filter((s) => s >= 0).length >= 4);
    const hops = topAttention(attention, batch, row, 3);
    assert.equal(hops.length, 3);
    hops.forEach((top, k) => {
      assert.equal(top.length, 3);
      const p = attention[k].values.subarray(row * 10, row * 10 + 10);
      const best = Array.from(p).map((w, i) => ({ w, i })).sort((a, b) => b.w - a.w)[0];
      assert.equal(top[0].storyIndex, batch.storyIndex[row][best.i]);
      assert.ok(top[0].weight >= top[1].weight && top[1].weight >= top[2].weight);
    });
    assert.throws(() => topAttention(attention, batch, 40), /topAttention: row 40 is out of range for a batch of 40 questions/);
  });
});
