/**
 * The bAbI-style generator: its files read back with parseBabi, and every answer agrees with a
 * separate reading of the story's own sentences (not the generator's world), as do the supporting facts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseBabi } from "../../src/data/babi.js";
import { GENERATED_BABI_TASKS, generateBabi } from "../../src/data/babi-generate.js";
import { expectedAnswer } from "./babi-oracle.js";

/** The tasks whose answers are yes/no (17 and 18 ask yes or no of every pair). */
const TWO_ANSWERS = new Set([6, 9, 17, 18]);

describe("generateBabi", () => {
  for (const task of GENERATED_BABI_TASKS) {
    it(`task ${task}: 1,000 questions in the bAbI format, each answered as its story says, with facts about what it asks`, () => {
      const samples = parseBabi(generateBabi(task, { questions: 1000, seed: task }), `task ${task}`);
      assert.equal(samples.length, 1000);
      const answers = new Set<string>();
      for (const sample of samples) {
        assert.equal(sample.answer.join(","), expectedAnswer(sample), `${sample.question.join(" ")} after ${sample.story.map((s) => s.join(" ")).join(". ")}`);
        answers.add(sample.answer.join(","));
        // the supporting facts alone, in story order, give the same answer
        const facts = [...sample.supportingFacts].sort((a, b) => a - b).map((f) => sample.story[f]);
        assert.equal(expectedAnswer({ ...sample, story: facts }), sample.answer.join(","), `from the facts ${facts.map((f) => f.join(" ")).join("; ")}`);
      }
      assert.ok(answers.size >= (TWO_ANSWERS.has(task) ? 2 : 3), `answers vary: ${[...answers].join(" ")}`);
      if (task === 7 || task === 8 || task === 14 || task === 17) assert.ok(samples.some((x) => x.supportingFacts.length >= 2), "some answers rest on two facts");
      if (task === 3 || task === 18) assert.ok(samples.some((x) => x.supportingFacts.length === 3), "some answers rest on three facts");
    });
  }

  it("is reproducible from its seed, differs between seeds, and refuses tasks it does not generate and bad sizes", () => {
    assert.equal(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 4 }));
    assert.notEqual(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 5 }));
    assert.deepEqual(GENERATED_BABI_TASKS, Array.from({ length: 20 }, (_, i) => i + 1));
    assert.throws(() => generateBabi(21 as 1, { questions: 10 }), /task must be one of 1, 2, 3, .*, 19, 20, got 21/);
    assert.throws(() => generateBabi(1, { questions: 0 }), /questions must be a positive integer, got 0/);
  });
});
