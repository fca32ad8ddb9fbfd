/** `strata babi`: training on a generated task, saving the model, testing a saved one, and the bAbI files it refuses. */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, mock } from "node:test";
import { babiCommand } from "../../src/cli/babi-command.js";
import { loadMemN2N } from "../../src/models/index.js";
import { scratchDir, strata } from "./run-strata.js";

/** Runs the command with console.log captured; returns the printed lines. */
async function printed(options: Parameters<typeof babiCommand>[0]): Promise<string[]> {
  const log = mock.method(console, "log", () => {});
  try {
    await babiCommand(options);
    return log.mock.calls.map((c) => c.arguments.join(" "));
  } finally {
    log.mock.restore();
  }
}

const dir = scratchDir("strata-babi-cli-");
const checkpoint = join(dir, "qa1.safetensors");

describe("strata babi", () => {
  it("trains on a generated task, prints each epoch, the test error and each hop's top-3 statements, and saves the model", async () => {
    const lines = await printed({ task: 1, epochs: 2, linearStartEpochs: 1, questions: 60, save: checkpoint });
    assert.equal(lines[0], "MemN2N PE LS RN on generated task 1 (seed 1): 60 training and 60 test questions, 1 epoch of linear start, then 2 epochs of SGD");
    assert.match(lines[1], /^ {2}epoch 1: train loss \d+\.\d{3}, validation error \d+\.\d% \(linear start\)$/);
    assert.match(lines[2], /^ {2}epoch 2: train loss \d+\.\d{3}, validation error \d+\.\d%$/, "the softmaxes back after the one linear epoch");
    assert.match(lines[4], /^trained in \d+ s/);
    assert.match(lines[5], /^saved the model and its \d+-word vocabulary to .*qa1\.safetensors$/);
    assert.match(lines[6], /^test error \d+\.\d% \((passed|not passed): ≤ 5%\)$/);
    assert.match(lines[7], /^"where is \w+\?" answer \w+, predicted \w+; supporting facts \d+$/);
    assert.deepEqual(lines.slice(8).map((l) => l.slice(0, 6)), ["hop 1:", "hop 2:", "hop 3:"]);
    for (const hop of lines.slice(8)) assert.match(hop, /^hop \d: (\d\.\d\d \[-?\d+\] [a-z() ]+)( \| \d\.\d\d \[-?\d+\] [a-z() ]+)*$/);

    // the saved model, tested on the same questions, answers exactly as the trained one did
    const loaded = await printed({ task: 1, epochs: 2, questions: 60, load: checkpoint });
    assert.equal(loaded[0], `MemN2N from ${checkpoint} on generated task 1 (seed 2): 60 test questions`);
    assert.deepEqual(loaded.slice(1), lines.slice(6));
  });

  it("trains without linear start when asked (PE RN)", async () => {
    const lines = await printed({ task: 1, epochs: 1, questions: 40, linearStart: false, optimizer: "adam" });
    assert.equal(lines[0], "MemN2N PE RN on generated task 1 (seed 1): 40 training and 40 test questions, 1 epoch of Adam");
    assert.match(lines[1], /^ {2}epoch 1: train loss \d+\.\d{3}, validation error \d+\.\d%$/, "no linear-start epoch");
  });

  it("--lw-rn-star trains the paper's PE LS LW RN*, which a saved checkpoint keeps (its ReLU too)", async () => {
    const saved = join(dir, "rn-star.safetensors");
    const lines = await printed({ task: 1, epochs: 1, linearStartEpochs: 1, questions: 40, lwRnStar: true, save: saved });
    assert.equal(lines[0], "MemN2N PE LS LW RN* on generated task 1 (seed 1): 40 training and 40 test questions, 1 epoch of linear start, then 1 epoch of SGD");
    const { model } = await loadMemN2N(saved);
    assert.deepEqual([model.config.tying, model.config.embeddingDim, model.config.nonlinear], ["layerwise", 100, true]);
    const loaded = await printed({ task: 1, questions: 40, load: saved });
    assert.deepEqual(loaded.slice(1), lines.slice(lines.findIndex((l) => l.startsWith("test error"))));
    const joint = await printed({ joint: [1], epochs: 1, linearStartEpochs: 1, questions: 20, lwRnStar: true });
    assert.match(joint[0], /^MemN2N PE LS LW RN\* joint, d = 100, on generated tasks 1:/);
  });

  it("refuses, naming the file, line and problem: a word the saved model never saw, a question with no story, a fact on a missing line", () => {
    const cases: [string, string, RegExp][] = [
      ["attic.txt", "1 Mary moved to the attic.\n2 Where is Mary?\tattic\t1\n", /^strata: .*attic\.txt:1: the word "attic" is not in the vocabulary of .*qa1\.safetensors \(\d+ words\)/],
      ["answer.txt", "1 Mary moved to the garden.\n2 Where is Mary?\tgarage\t1\n", /^strata: .*answer\.txt:2: the answer "garage" is not in the vocabulary/],
      ["empty.txt", "1 Where is Mary?\tgarden\n", /^strata: .*empty\.txt:1: the question "Where is Mary\?" has no story/],
      ["missing.txt", "1 Mary moved to the garden.\n2 Where is Mary?\tgarden\t5\n", /^strata: .*missing\.txt:2: supporting fact "5" .*: line 5 does not exist before this question/],
    ];
    for (const [name, text, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const { code, stderr } = strata("babi", "--load", checkpoint, "--test-file", file);
      assert.equal(code, 1, stderr);
      assert.match(stderr, message);
    }
  });

  it("--joint trains one model on several generated tasks and prints each task's test error; the saved model tests any of them", async () => {
    const saved = join(dir, "joint.safetensors");
    const lines = await printed({ joint: [1, 4], epochs: 1, linearStartEpochs: 1, questions: 40, save: saved });
    assert.equal(lines[0], "MemN2N PE LS RN joint, d = 50, on generated tasks 1, 4: 40 training and 40 test questions each, 1 epoch of linear start, then 1 epoch of SGD halved every 15");
    assert.match(lines[3], /^trained in \d+ s/);
    assert.match(lines[4], /^saved the model and its \d+-word vocabulary to .*joint\.safetensors$/);
    const errors = lines.slice(5, 7).map((l) => l.match(/^task (\d+): test error (\d+\.\d)% \((passed|not passed)\)$/));
    assert.deepEqual(errors.map((m) => m?.[1]), ["1", "4"]);
    assert.match(lines[7], /^\d of 2 tasks passed \(≤ 5%\); test error over all of them \d+\.\d%$/);
    // the joint model, loaded and tested on task 4 alone, answers as it did in the joint run
    const loaded = await printed({ task: 4, questions: 40, load: saved });
    assert.equal(loaded[1], `test error ${errors[1]![2]}% (${errors[1]![3]}: ≤ 5%)`);
    await assert.rejects(printed({ joint: [1, 4], task: 1, questions: 40 }), /babi: --joint trains on generated tasks; it takes no --task, --train-file, --test-file or --load/);
    await assert.rejects(printed({ joint: [1, 21], questions: 40 }), /babi: --joint takes generated tasks 1–20, got 21/);
  });

  it("asks for a task or files, and names the tasks it can generate", async () => {
    const { code, stderr } = strata("babi", "--epochs", "1");
    assert.equal(code, 2);
    assert.match(stderr, /^strata: babi: give --task N \(a generated task\) or --test-file PATH/);
    await assert.rejects(printed({ task: 21, epochs: 1, questions: 10 }), /generatedBabiSplits: task must be one of 1, 2, 3, .*, 20, got 21/);
  });
});
