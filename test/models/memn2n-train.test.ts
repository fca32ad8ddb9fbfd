/** Training and reading a MemN2N: when linear start ends, and the statements each hop attended to most. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed } from "../../src/index.js";
import { babiBatch, babiBatchRows, BabiVocabulary, generateBabi, parseBabi, trimBabiBatch, withEmptyMemories } from "../../src/data/index.js";
import { MemN2N, memn2nEvaluate, topAttention, trainMemN2N } from "../../src/models/index.js";
import { epochMinibatches } from "../../src/models/memn2n-train.js";
import { crossEntropy } from "../../src/nn/functional/index.js";
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

describe("minibatches cut to their longest story", () => {
  // task 2's stories hold 2 to 50 statements; in 50 slots most of a minibatch is padding
  const long = parseBabi(generateBabi(2, { questions: 60, seed: 4 }));
  const longVocab = BabiVocabulary.fromSamples(long);
  const full = withEmptyMemories(babiBatch(long.slice(0, 12), longVocab, { memorySize: 50 }), 0.1, new Generator(1));

  it("give a MemN2N the same answers and attention as the full 50 slots, for every sentence encoding", () => {
    const trimmed = trimBabiBatch(full);
    assert.ok(trimmed.memories.shape[1] < 50 && trimmed.memories.shape[1] >= 12, `${trimmed.memories.shape[1]} slots`);
    for (const encoding of ["bow", "position", "position-matlab"] as const) {
      manualSeed(4);
      const model = new MemN2N(longVocab.size, { memorySize: 50, encoding, initStd: 0.5 });
      const a = model.forwardWithAttention(full.memories, full.queries, full.memoryMask);
      const b = model.forwardWithAttention(trimmed.memories, trimmed.queries, trimmed.memoryMask);
      assertClose(b.logits.values, a.logits.values, { atol: 1e-5 });
      const slots = trimmed.memories.shape[1];
      for (let hop = 0; hop < 3; hop++) {
        const cut = Array.from({ length: 12 }, (_, n) => Array.from(a.attention[hop].values.subarray(n * 50, n * 50 + slots))).flat();
        assertClose(b.attention[hop].values, cut, { atol: 1e-6 });
      }
    }
  });

  it("memn2nEvaluate answers over 1,000 questions in chunks, as in one batch", () => {
    const many = parseBabi(generateBabi(1, { questions: 1200, seed: 6 }));
    const manyVocab = BabiVocabulary.fromSamples(many);
    const all = babiBatch(many, manyVocab, { memorySize: 20 });
    manualSeed(5);
    const model = new MemN2N(manyVocab.size, { memorySize: 20, initStd: 0.5 });
    const logits = model.forward(all.memories, all.queries, all.memoryMask);
    const guesses = Array.from({ length: 1200 }, (_, i) => {
      const row = logits.values.subarray(i * manyVocab.size, (i + 1) * manyVocab.size);
      return row.indexOf(Math.max(...row));
    });
    const { loss, error } = memn2nEvaluate(model, all);
    assertClose(loss, crossEntropy(logits, all.answers).values[0], { atol: 1e-5 });
    assert.equal(error, guesses.filter((g, i) => g !== all.answers.values[i]).length / 1200);
    assert.ok(error > 0.3, "an untrained model, so the count of wrong answers is not trivially 0");
  });

  it("by length: every question once an epoch, minibatches of similar stories, in an order that changes", () => {
    const lengths = Int32Array.from({ length: 1000 }, (_, i) => (i * 7) % 50);
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const generator = new Generator(2);
    const epoch = epochMinibatches(rows, 32, generator, lengths);
    assert.deepEqual(epoch.flat().sort((a, b) => a - b), rows);
    const spread = (batch: number[]) => Math.max(...batch.map((r) => lengths[r])) - Math.min(...batch.map((r) => lengths[r]));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const random = epochMinibatches(rows, 32, generator, null);
    assert.deepEqual(random.flat().sort((a, b) => a - b), rows);
    assert.ok(mean(epoch.map(spread)) < 5 && mean(random.map(spread)) > 40, `spread of story lengths in a minibatch: ${mean(epoch.map(spread))} by length, ${mean(random.map(spread))} at random`);
    assert.notDeepEqual(epochMinibatches(rows, 32, generator, lengths), epoch);
  });

  it("trainMemN2N with bucketByLength learns task 1", () => {
    manualSeed(3);
    const train = parseBabi(generateBabi(1, { questions: 300, seed: 1 }));
    const trainVocab = BabiVocabulary.fromSamples(train);
    const model = new MemN2N(trainVocab.size, { memorySize: 20 });
    const reports = trainMemN2N(model, babiBatch(train, trainVocab, { memorySize: 20 }), { epochs: 15, bucketByLength: true, seed: 1 });
    assert.ok(reports[reports.length - 1].trainLoss < reports[0].trainLoss / 2, `training loss ${reports[0].trainLoss} → ${reports[reports.length - 1].trainLoss}`);
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
