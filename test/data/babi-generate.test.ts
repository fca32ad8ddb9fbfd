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

  it("tells tasks 11 and 13 as Weston et al.'s generator: a named move, a move by pronoun, a question about who was named", () => {
    for (const task of [11, 13] as const) {
      for (const sample of parseBabi(generateBabi(task, { questions: 100, seed: 3 }))) {
        const [named, moved] = sample.story.slice(-2);
        assert.ok(["she", "he", "they"].includes(moved[moved.length - 5]), `a pronoun moves last: ${moved.join(" ")}`);
        assert.ok(named.includes(sample.question[2]), `the question asks about who was named: ${named.join(" ")}`);
        assert.equal(sample.answer[0], moved[moved.length - 1]);
      }
    }
  });

  it("tells tasks 15 and 16 as the released bAbI files: 16's asked kind last, one witness, kinds before colours; 15's kinds drawn with repeats", () => {
    const induction = parseBabi(generateBabi(16, { questions: 200, seed: 3 }));
    let differentColors = 0;
    for (const s of induction) {
      const last = s.story[s.story.length - 1];
      assert.equal(last[0], s.question[3], `the asked name's kind is told last: ${last.join(" ")}`);
      assert.equal(s.supportingFacts.length, 3, "exactly one other of the asked one's kind");
      const kindLine = (name: string) => s.story.findIndex((w) => w[0] === name && w[2] === "a");
      const colorLine = (name: string) => s.story.findIndex((w) => w[0] === name && w.length === 3);
      for (const w of s.story.slice(0, -1)) assert.ok(kindLine(w[0]) < colorLine(w[0]), `${w[0]}'s kind comes before its colour`);
      const colorOfKind = new Map<string, string>();
      for (const w of s.story) if (w[2] === "a" && colorLine(w[0]) >= 0) {
        const color = s.story[colorLine(w[0])][2];
        if (colorOfKind.has(w[3]) && colorOfKind.get(w[3]) !== color) differentColors++;
        colorOfKind.set(w[3], color);
      }
    }
    assert.ok(differentColors > 0, "two actors of one kind may have different colours");
    const deduction = parseBabi(generateBabi(15, { questions: 200, seed: 3 }));
    const fearFirst = deduction.filter((s) => s.story[0].includes("afraid"));
    assert.ok(fearFirst.length > 20 && fearFirst.length < 180, `fears and kinds mixed (${fearFirst.length} of 200 stories open with a fear)`);
    const shared = deduction.filter((s) => new Set(s.story.filter((w) => w[2] === "a").map((w) => w[3])).size < 4);
    assert.ok(shared.length > 100, `names often share a kind (${shared.length} of 200 stories)`);
  });

  it("is reproducible from its seed, differs between seeds, and refuses tasks it does not generate and bad sizes", () => {
    assert.equal(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 4 }));
    assert.notEqual(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 5 }));
    assert.deepEqual(GENERATED_BABI_TASKS, Array.from({ length: 20 }, (_, i) => i + 1));
    assert.throws(() => generateBabi(21 as 1, { questions: 10 }), /task must be one of 1, 2, 3, .*, 19, 20, got 21/);
    assert.throws(() => generateBabi(1, { questions: 0 }), /questions must be a positive integer, got 0/);
  });
});
