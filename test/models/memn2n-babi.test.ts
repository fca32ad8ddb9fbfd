/** runMemN2N's repeats: of the models trained from different initialisations, the one best on validation is the one tested. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BabiSample } from "../../src/data/index.js";
import { generatedBabiSplits, JOINT_BABI_RECIPE, LW_RN_STAR_MODEL, runMemN2N, runMemN2NJoint } from "../../src/models/index.js";
import { babiBatchOptions } from "../../src/models/memn2n-babi.js";

describe("runMemN2N", () => {
  it("with repeats 2, tests the better of the two single runs on the validation questions", () => {
    const { train, test } = generatedBabiSplits(1, 60);
    const epochLog = () => {
      const errors: number[] = [];
      return { errors, onEpoch: (r: { linear: boolean; validationError: number }) => void (r.linear || errors.push(r.validationError)) };
    };
    // repeat r of a run with seed s is the single run with seed s + 1000 r
    const first = epochLog();
    const second = epochLog();
    const one = runMemN2N(train, test, { epochs: 3, seed: 7, onEpoch: first.onEpoch });
    const two = runMemN2N(train, test, { epochs: 3, seed: 1007, onEpoch: second.onEpoch });
    const both = runMemN2N(train, test, { epochs: 3, seed: 7, repeats: 2 });
    assert.notDeepEqual([one.testError, one.explanation], [two.testError, two.explanation], "the two runs differ, so which is kept shows");
    const better = Math.min(...second.errors) < Math.min(...first.errors) ? two : one;
    assert.equal(both.testError, better.testError);
    assert.deepEqual(both.explanation, better.explanation);
    assert.throws(() => runMemN2N(train, test, { repeats: 0 }), /runMemN2N: repeats must be a positive integer, got 0/);
  });

  it("trains with the optimiser and rate asked for, and sizes the memory to the longest story", () => {
    const { train, test } = generatedBabiSplits(1, 60);
    const run = (optimizer: "sgd" | "adam", lr: number) => runMemN2N(train, test, { epochs: 1, seed: 3, linearStart: false, optimizer, lr });
    // at rate 0 neither moves the weights: the same model; at 0.01 Adam's steps are not SGD's
    assert.deepEqual(run("sgd", 0).explanation, run("adam", 0).explanation);
    assert.notDeepEqual(run("sgd", 0.01).explanation, run("adam", 0.01).explanation);
    const longest = Math.max(...[...train, ...test].map((s) => s.story.length));
    assert.equal(run("sgd", 0).model.config.memorySize, Math.min(50, longest));
  });

  it("builds the model asked for: LW_RN_STAR_MODEL is the paper's PE LS LW RN*", () => {
    const { train, test } = generatedBabiSplits(1, 40);
    const { config, mapH } = runMemN2N(train, test, { epochs: 1, linearStartEpochs: 1, seed: 3, ...LW_RN_STAR_MODEL }).model;
    assert.deepEqual([config.tying, config.embeddingDim, config.nonlinear, config.encoding], ["layerwise", 100, true, "position-matlab"]);
    assert.deepEqual(mapH?.weight.shape, [100, 100]);
    assert.equal(runMemN2N(train, test, { epochs: 1, linearStartEpochs: 1, seed: 3 }).model.config.nonlinear, false);
  });
});

describe("runMemN2NJoint", () => {
  it("trains one model on several tasks' questions and gives its test error on each task's", () => {
    const run = runMemN2NJoint([1, 4], { questions: 40, epochs: 2, linearStartEpochs: 1, embeddingDim: 8, seed: 2 });
    assert.equal(run.model.config.embeddingDim, 8);
    assert.deepEqual([...run.taskErrors.keys()], [1, 4]);
    const tests = [1, 4].map((task) => generatedBabiSplits(task, 40).test);
    // the vocabulary covers both tasks: task 1's moves and task 4's directions
    for (const word of ["journeyed", "north"]) assert.ok(run.vocab.words.includes(word), word);
    // each task's error, tested apart, weighs into the error over all the test questions at once
    const all = (run.taskErrors.get(1)! * tests[0].length + run.taskErrors.get(4)! * tests[1].length) / (tests[0].length + tests[1].length);
    assert.ok(Math.abs(run.testError - all) < 1e-9, `the overall error ${run.testError} is the questions' mean ${all}`);
    // options left unset, or passed as undefined, follow the authors' joint configuration
    const recipe = runMemN2NJoint([4], { questions: 20, epochs: 1, linearStartEpochs: 1, embeddingDim: undefined });
    assert.equal(recipe.model.config.embeddingDim, JOINT_BABI_RECIPE.embeddingDim);
    assert.throws(() => runMemN2NJoint([]), /runMemN2NJoint: give at least one task/);
  });
});

describe("babiBatchOptions", () => {
  it("sizes batches of a 10k file's questions, millions of sentences, without overflowing the stack", () => {
    // 20,000 questions whose stories hold 60 sentences each: 1.2M sentences, as many as a 10k file's
    const story = Array.from({ length: 60 }, (_, i) => (i === 7 ? ["a", "b", "c", "d", "e", "f", "g"] : ["a", "b"]));
    const samples = Array.from({ length: 20_000 }, (_, i): BabiSample => ({ story, question: i === 3 ? Array(9).fill("q") : ["q"], answer: ["a"], supportingFacts: [], line: i + 1, storyLines: [] }));
    assert.deepEqual(babiBatchOptions(samples, 50), { memorySize: 50, sentenceLength: 9 });
    assert.deepEqual(babiBatchOptions(samples.slice(4), 80), { memorySize: 60, sentenceLength: 7 });
  });
});
