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
    } else if (places.length === 2 || words.includes("afraid") || named.length === 0 || words.length === 3 || words[2] === "a") {
      // relations between rooms, fears, kinds and colours: read by reasoningAnswer
    } else {
      throw new Error(`a sentence the replay does not know: ${words.join(" ")}`);
    }
    lastActors = actors;
  }
  return { where, carrying };
}

const OPPOSITE: Record<string, string> = { north: "south", south: "north", east: "west", west: "east" };
const SINGULAR: Record<string, string> = { mice: "mouse", sheep: "sheep", wolves: "wolf", cats: "cat" };

/** "the X is D of the Y" statements as edges both ways: room → [(neighbour, direction from room to neighbour)]. */
function roomGraph(story: string[][]): Map<string, [string, string][]> {
  const graph = new Map<string, [string, string][]>();
  const link = (a: string, b: string, d: string) => graph.set(a, [...(graph.get(a) ?? []), [b, d]]);
  for (const w of story) {
    if (w.length !== 7 || !(w[3] in OPPOSITE)) continue;
    link(w[6], w[1], w[3]);
    link(w[1], w[6], OPPOSITE[w[3]]);
  }
  return graph;
}

/** Tasks 4, 15, 16 and 19, answered from the statements; null for the other questions. */
function reasoningAnswer(story: string[][], q: string[]): string | null {
  const find = (test: (w: string[]) => boolean) => story.find(test);
  if (q[0] === "what" && q[2] in OPPOSITE) return find((w) => w[3] === q[2] && w[6] === q[5])?.[1] ?? find((w) => w[1] === q[5] && w[3] === OPPOSITE[q[2]])![6];
  if (q[0] === "what" && q[4] in OPPOSITE) return find((w) => w[1] === q[3] && w[3] === q[4])?.[6] ?? find((w) => w[6] === q[3] && w[3] === OPPOSITE[q[4]])![1];
  if (q[0] === "what" && q[3] === "afraid") {
    const kind = find((w) => w[0] === q[2] && w[2] === "a")![3];
    return SINGULAR[find((w) => SINGULAR[w[0]] === kind && w[2] === "afraid")![4]];
  }
  if (q[0] === "what" && q[1] === "color") {
    const kind = find((w) => w[0] === q[3] && w[2] === "a")![3];
    const sibling = find((w) => w[0] !== q[3] && w[2] === "a" && w[3] === kind)![0];
    return find((w) => w[0] === sibling && w.length === 3)![2];
  }
  if (q[0] === "how" && q[1] === "do") {
    const [from, to] = [q[6], q[9]];
    const graph = roomGraph(story);
    const paths = new Map<string, string[]>([[from, []]]);
    for (const room of paths.keys()) for (const [next, d] of graph.get(room) ?? []) if (!paths.has(next)) paths.set(next, [...paths.get(room)!, d[0]]);
    return paths.get(to)!.join(",");
  }
  return null;
}

/** The answer the story gives to the question, read from its sentences. */
function expectedAnswer(sample: BabiSample): string {
  const q = sample.question;
  const reasoned = reasoningAnswer(sample.story, q);
  if (reasoned !== null) return reasoned;
  const { where, carrying } = replay(sample.story);
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
        // the supporting facts alone, in story order, give the same answer
        const facts = [...sample.supportingFacts].sort((a, b) => a - b).map((f) => sample.story[f]);
        assert.equal(expectedAnswer({ ...sample, story: facts }), sample.answer.join(","), `from the facts ${facts.map((f) => f.join(" ")).join("; ")}`);
      }
      assert.ok(answers.size >= (task === 6 || task === 9 ? 2 : 3), `answers vary: ${[...answers].join(" ")}`);
      if (task === 7 || task === 8) assert.ok(samples.some((x) => x.supportingFacts.length >= 2), "some answers rest on two facts");
    });
  }

  it("is reproducible from its seed, differs between seeds, and refuses tasks it does not generate and bad sizes", () => {
    assert.equal(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 4 }));
    assert.notEqual(generateBabi(1, { questions: 50, seed: 4 }), generateBabi(1, { questions: 50, seed: 5 }));
    assert.throws(() => generateBabi(3 as 1, { questions: 10 }), /task must be one of 1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 19 \(the tasks generated so far\), got 3/);
    assert.throws(() => generateBabi(1, { questions: 0 }), /questions must be a positive integer, got 0/);
  });
});
