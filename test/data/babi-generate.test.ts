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

const NAMES = new Set(["mary", "john", "sandra", "daniel"]);

interface Whereabouts {
  at?: string;
  notAt?: string;
  either?: string[];
}

/** The story read sentence by sentence: what is known of where each actor is, and what each carries (in the order taken). */
function replay(story: string[][]): { where: Map<string, Whereabouts>; carrying: Map<string, string[]> } {
  const where = new Map<string, Whereabouts>();
  const carrying = new Map<string, string[]>();
  let lastActors: string[] = [];
  for (const words of story) {
    const named = words.filter((w) => NAMES.has(w));
    // "then he went …", "after that they went …": the people of the sentence before
    const actors = named.length > 0 ? named : lastActors;
    const places = words.filter((w) => PLACES.has(w));
    const object = words.find((w) => OBJECTS.has(w));
    if (object) {
      const held = carrying.get(actors[0]) ?? [];
      carrying.set(actors[0], TAKES.has(words[1]) ? [...held, object] : held.filter((o) => o !== object));
    } else if (words.includes("either")) {
      where.set(actors[0], { either: places });
    } else if (words.includes("longer")) {
      where.set(actors[0], { notAt: places[0] });
    } else if (places.length === 1) {
      for (const actor of actors) where.set(actor, { at: places[0] });
    } else {
      throw new Error(`a sentence the replay does not know: ${words.join(" ")}`);
    }
    lastActors = actors;
  }
  return { where, carrying };
}

/** The answer the story gives to the question, read from its sentences. */
function expectedAnswer(sample: BabiSample): string {
  const { where, carrying } = replay(sample.story);
  const q = sample.question;
  if (q[0] === "where" && q[2] === "the") {
    const holder = [...carrying].find(([, objects]) => objects.includes(q[3]))![0];
    return where.get(holder)!.at!;
  }
  if (q[0] === "where") return where.get(q[2])!.at!;
  if (q[0] === "is") {
    const known = where.get(q[1])!;
    if (known.at) return known.at === q[4] ? "yes" : "no";
    if (known.either) return known.either.includes(q[4]) ? "maybe" : "no";
    assert.equal(known.notAt, q[4], "after 'no longer in', only that place is asked about");
    return "no";
  }
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
        // task 2's facts are the taking of the object and a move of its taker; 11's and 13's the sentence a pronoun
        // points back to and the pronoun's; the others' all mention the actor asked about
        const subject = sample.question.find((w) => OBJECTS.has(w) || NAMES.has(w))!;
        const facts = sample.supportingFacts.map((f) => sample.story[f]);
        const taker = facts.find((f) => f.includes(subject))?.[0];
        assert.ok(facts.length === 0 || facts.some((f) => f.includes(subject)), `no fact names ${subject}: ${facts.map((f) => f.join(" ")).join("; ")}`);
        for (const fact of facts) {
          const pronoun = ["he", "she", "they"].some((w) => fact.includes(w));
          assert.ok(fact.includes(subject) || (task === 2 && fact[0] === taker) || ((task === 11 || task === 13) && pronoun), `fact "${fact.join(" ")}" is not about ${subject}`);
        }
        if (task <= 6 || task === 9 || task === 10 || task === 12) assert.equal(facts.length, task === 2 ? 2 : 1);
      }
      assert.ok(answers.size >= (task === 6 || task === 9 ? 2 : 3), `answers vary: ${[...answers].join(" ")}`);
    });
  }

  it("is reproducible from its seed, differs between seeds, and refuses tasks it does not generate and bad sizes", () => {
    assert.equal(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 4 }));
    assert.notEqual(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 5 }));
    assert.throws(() => generateBabi(3 as 1, { questions: 10 }), /task must be one of 1, 2, 6, 7, 8, 9, 10, 11, 12, 13 \(the tasks generated so far\), got 3/);
    assert.throws(() => generateBabi(1, { questions: 0 }), /questions must be a positive integer, got 0/);
  });
});
