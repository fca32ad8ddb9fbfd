/** The bAbI reader on hand-written files in the exact format, with its edge cases. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { BabiFormatError, parseBabi, readBabi } from "../../src/data/babi.js";

const TWO_STORIES = [
  "1 Mary moved to the bathroom.",
  "2 John went to the hallway.",
  "3 Where is Mary? \tbathroom\t1",
  "4 Daniel went back to the hallway.",
  "5 Sandra moved to the garden.",
  "6 Where is Daniel? \thallway\t4",
  "1 John picked up the apple.",
  "2 John went to the office.",
  "3 Where is the apple? \toffice\t1 2",
  "4 What is John carrying? \tapple,milk\t1",
  "5 Is John in the kitchen? \tno\t2",
  "",
].join("\n");

describe("parseBabi", () => {
  it("makes one sample per question: the statements before it, the question, the answer and its supporting facts as story indices", () => {
    const samples = parseBabi(TWO_STORIES);
    assert.equal(samples.length, 5);
    assert.deepEqual(samples[0], { story: [["mary", "moved", "to", "the", "bathroom"], ["john", "went", "to", "the", "hallway"]], question: ["where", "is", "mary"], answer: ["bathroom"], supportingFacts: [0], line: 3, storyLines: [1, 2] });
    // line 4 is the story's third statement: the question on line 3 is not part of the story
    assert.deepEqual(samples[1].story.length, 4);
    assert.deepEqual(samples[1].supportingFacts, [2]);
    assert.deepEqual(samples[1].story[2], ["daniel", "went", "back", "to", "the", "hallway"]);
  });

  it("starts a new story when the numbering returns to 1, and reads several supporting facts, list answers and yes/no", () => {
    const [, , where, carrying, yesNo] = parseBabi(TWO_STORIES);
    assert.deepEqual(where.story, [["john", "picked", "up", "the", "apple"], ["john", "went", "to", "the", "office"]]);
    assert.deepEqual(where.supportingFacts, [0, 1]);
    assert.deepEqual(carrying.answer, ["apple", "milk"]);
    assert.equal(carrying.story.length, 2, "the earlier question is not a statement");
    assert.deepEqual(yesNo.answer, ["no"]);
  });

  it("reads Windows line ends, trailing spaces, blank lines and a question without supporting facts", () => {
    const text = "1 The kitchen is north of the hallway.  \r\n\r\n2 What is north of the hallway?\tkitchen\r\n3 How do you go from the hallway to the kitchen?\tn,w\t1\r\n";
    const samples = parseBabi(text);
    assert.deepEqual(samples.map((s) => s.answer), [["kitchen"], ["n", "w"]]);
    assert.deepEqual(samples[0].supportingFacts, []);
    assert.deepEqual(samples[1].supportingFacts, [0]);
    assert.deepEqual(samples[0].story, [["the", "kitchen", "is", "north", "of", "the", "hallway"]]);
  });

  it("refuses a broken file with its source and line: no number, a gap in the numbering, no answer, a fact that is no earlier statement, a question with no story", () => {
    const cases: [string, RegExp][] = [
      ["1 Mary moved.\nMary went home.", /qa1\.txt:2: expected "<number> <sentence>", got "Mary went home\."/],
      ["1 Mary moved.\n3 John left.", /qa1\.txt:2: line number 3 follows 1; a story numbers its lines 1, 2, 3/],
      ["1 Mary moved.\n2 Where is Mary?\t\t1", /qa1\.txt:2: a question \(a line with a tab\) needs an answer after its first tab/],
      ["1 Mary moved.\n2 Where is Mary?\tbathroom\t2", /qa1\.txt:2: supporting fact "2" is not the number of an earlier statement of this story: line 2 does not exist before this question \(line 2 of the story\)/],
      ["1 Mary moved.\n2 Where is Mary?\tbathroom\t9", /qa1\.txt:2: supporting fact "9" .*: line 9 does not exist before this question/],
      ["1 Mary moved.\n2 Where?\tx\t1\n3 Why?\ty\t2", /qa1\.txt:3: supporting fact "2" is not the number of an earlier statement of this story: line 2 is a question, not a statement/],
      ["1 Mary moved.\n2 Where?\tx\tone", /qa1\.txt:2: supporting fact "one" .*: a line number is a positive integer/],
      ["1 Mary moved.\n2 Where?\tx\t1\n1 Where is John?\thallway\t1", /qa1\.txt:3: the question "Where is John\?" has no story: no statement comes before it since the story began/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseBabi(text, "qa1.txt"), (error: unknown) => error instanceof BabiFormatError && message.test(error.message));
    }
  });
});

describe("readBabi", () => {
  const dir = mkdtempSync(join(tmpdir(), "strata-babi-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file by path, naming it in errors, and a missing file", async () => {
    const path = join(dir, "qa1_single-supporting-fact_train.txt");
    writeFileSync(path, TWO_STORIES);
    assert.equal((await readBabi(path)).length, 5);
    writeFileSync(path, "1 Mary moved.\n5 John left.");
    await assert.rejects(readBabi(path), /qa1_single-supporting-fact_train\.txt:2: line number 5 follows 1/);
    await assert.rejects(readBabi(join(dir, "nothing.txt")), /readBabi: .*nothing\.txt does not exist/);
  });
});
