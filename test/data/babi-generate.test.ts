/**
 * The bAbI-style generator: its files read back with parseBabi, and every answer agrees with a
 * separate reading of the story's own sentences (not the generator's world), as do the supporting facts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseBabi, type BabiSample } from "../../src/data/babi.js";
import { GENERATED_BABI_TASKS, generateBabi } from "../../src/data/babi-generate.js";

const PLACES = new Set(["bathroom", "hallway", "garden", "office", "kitchen", "bedroom"]);
const OBJECTS = new Set(["apple", "football", "milk"]);
const TAKES = new Set(["picked", "got", "grabbed", "took"]);
const COUNTS = ["none", "one", "two", "three"];

/** The story read sentence by sentence: where each actor is, and what each carries (in the order taken). */
function replay(story: string[][]): { place: Map<string, string>; carrying: Map<string, string[]> } {
  const place = new Map<string, string>();
  const carrying = new Map<string, string[]>();
  for (const words of story) {
    const [actor] = words;
    const last = words[words.length - 1] === "there" ? words[words.length - 2] : words[words.length - 1];
    const held = carrying.get(actor) ?? [];
    if (PLACES.has(last)) place.set(actor, last);
    else if (OBJECTS.has(last) && TAKES.has(words[1])) carrying.set(actor, [...held, last]);
    else if (OBJECTS.has(last)) carrying.set(actor, held.filter((o) => o !== last));
    else throw new Error(`a sentence the replay does not know: ${words.join(" ")}`);
  }
  return { place, carrying };
}

/** The answer the story gives to the question, read from its sentences. */
function expectedAnswer(sample: BabiSample): string {
  const { place, carrying } = replay(sample.story);
  const q = sample.question;
  if (q[0] === "where" && q[2] === "the") {
    const holder = [...carrying].find(([, objects]) => objects.includes(q[3]))![0];
    return place.get(holder)!;
  }
  if (q[0] === "where") return place.get(q[2])!;
  if (q[0] === "is") return place.get(q[1]) === q[4] ? "yes" : "no";
  if (q[0] === "how") return COUNTS[(carrying.get(q[4]) ?? []).length];
  const held = carrying.get(q[2]) ?? [];
  return held.length === 0 ? "nothing" : held.join(",");
}

describe("generateBabi", () => {
  for (const task of GENERATED_BABI_TASKS) {
    it(`task ${task}: 1,000 questions in the bAbI format, each answered as its story says, with facts about what it asks`, () => {
      const samples = parseBabi(generateBabi(task, { questions: 1000, seed: task }), `task ${task}`);
      assert.equal(samples.length, 1000);
      const answers = new Set<string>();
      for (const sample of samples) {
        assert.equal(sample.answer.join(","), expectedAnswer(sample), `${sample.question.join(" ")} after ${sample.story.map((s) => s.join(" ")).join(". ")}`);
        answers.add(sample.answer.join(","));
        // task 2's facts are the taking of the object and a move of its taker; the others' all mention the actor asked about
        const subject = sample.question.find((w) => OBJECTS.has(w) || ["mary", "john", "sandra", "daniel"].includes(w))!;
        const facts = sample.supportingFacts.map((f) => sample.story[f]);
        const taker = facts.find((f) => f.includes(subject))?.[0];
        for (const fact of facts) assert.ok(fact.includes(subject) || (task === 2 && fact[0] === taker), `fact "${fact.join(" ")}" is not about ${subject}`);
        if (task !== 7 && task !== 8) assert.equal(facts.length, task === 2 ? 2 : 1);
      }
      assert.ok(answers.size >= (task === 6 ? 2 : 3), `answers vary: ${[...answers].join(" ")}`);
    });
  }

  it("is reproducible from its seed, differs between seeds, and refuses tasks it does not generate and bad sizes", () => {
    assert.equal(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 4 }));
    assert.notEqual(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 5 }));
    assert.throws(() => generateBabi(3 as 1, { questions: 10 }), /task must be one of 1, 2, 6, 7, 8 \(the tasks generated so far\), got 3/);
    assert.throws(() => generateBabi(1, { questions: 0 }), /questions must be a positive integer, got 0/);
  });
});
