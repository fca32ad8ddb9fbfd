/**
 * bAbI tasks whose stories are a handful of facts and one reasoning step rather than a world in
 * motion; each function tells one whole story (statements and questions, bAbI's line text without
 * the numbers):
 *   4 two-argument relations  "The office is north of the kitchen."  What is the kitchen south of? office
 *  15 basic deduction         "Sheep are afraid of wolves." "Gertrude is a sheep."  What is Gertrude afraid of? wolf
 *  16 basic induction         "Lily is a swan." "Lily is white." "Greg is a swan."  What color is Greg? white
 *  19 path finding            "The garden is west of the office." …  How do you go from the kitchen to the garden? n,w
 */
import type { Generator } from "../tensor/index.js";
import { PLACES } from "./babi-world.js";

export const REASONING_TASKS = [4, 15, 16, 19] as const;
export type ReasoningTask = (typeof REASONING_TASKS)[number];

/** A direction, its opposite, its letter in path answers, and its step on the grid. */
const DIRECTIONS = {
  north: { opposite: "south", letter: "n", dx: 0, dy: 1 },
  south: { opposite: "north", letter: "s", dx: 0, dy: -1 },
  east: { opposite: "west", letter: "e", dx: 1, dy: 0 },
  west: { opposite: "east", letter: "w", dx: -1, dy: 0 },
} as const;
type Direction = keyof typeof DIRECTIONS;
const DIRECTION_NAMES = Object.keys(DIRECTIONS) as Direction[];

const SPECIES = [
  { one: "mouse", many: "mice" },
  { one: "sheep", many: "sheep" },
  { one: "wolf", many: "wolves" },
  { one: "cat", many: "cats" },
];
const SHEEP_NAMES = ["Gertrude", "Winona", "Jessica", "Emily"];
const ANIMALS = ["swan", "lion", "frog", "rhino"];
const COLORS = ["white", "gray", "yellow", "green"];
const ANIMAL_NAMES = ["Lily", "Bernhard", "Greg", "Julius", "Brian"];

const pick = <T>(g: Generator, items: readonly T[]): T => items[g.int(items.length)];
const question = (text: string, answer: string, facts: number[]) => `${text}\t${answer}\t${facts.join(" ")}`;

function twoArgumentRelations(g: Generator): string[] {
  const [a, b, c] = g.shuffled(PLACES);
  const [first, second] = g.shuffled(DIRECTION_NAMES);
  const lines = [`The ${a} is ${first} of the ${b}.`, `The ${c} is ${second} of the ${b}.`];
  const [room, direction, fact] = g.int(2) === 0 ? [a, first, 1] : [c, second, 2];
  lines.push(g.int(2) === 0
    ? question(`What is ${direction} of the ${b}?`, room, [fact])
    : question(`What is the ${b} ${DIRECTIONS[direction].opposite} of?`, room, [fact]));
  return lines;
}

/**
 * As the released bAbI files tell it (stories quoted in ParlAI's and BABILong's docs): each species
 * fears another one at random, each of the four names is of a species drawn at random (so two or
 * three of them often share one), the eight statements come in a random order, and then a question
 * about each name. (The later Lua generator, Deduction.lua, gives the names four different species.)
 */
function deduction(g: Generator): string[] {
  const fears = SPECIES.map((_, i) => {
    const others = SPECIES.filter((__, j) => j !== i);
    return others[g.int(others.length)];
  });
  const kinds = SHEEP_NAMES.map(() => g.int(SPECIES.length));
  const statements = [
    ...SHEEP_NAMES.map((name, i) => ({ text: `${name} is a ${SPECIES[kinds[i]].one}.`, name, kind: kinds[i] })),
    ...SPECIES.map((s, i) => ({ text: `${cap(s.many)} are afraid of ${fears[i].many}.`, name: null, kind: i })),
  ];
  const told = g.shuffled(statements);
  const line = (name: string | null, kind: number) => told.findIndex((x) => x.name === name && x.kind === kind) + 1;
  const questions = g.shuffled(SHEEP_NAMES.map((name, i) => question(`What is ${name} afraid of?`, fears[kinds[i]].one, [line(name, kinds[i]), line(null, kinds[i])])));
  return [...told.map((x) => x.text), ...questions];
}

/**
 * As the released bAbI files tell it (stories quoted in BABILong's docs): five actors, the one asked
 * about sharing its species with exactly one other, whose colour is the answer; every other actor
 * has a colour of its own (two of a species may differ) and its species told before its colour,
 * the four actors' facts interleaved at random; the asked one's species is the last statement.
 * (The later Lua generator, Induction.lua, shuffles all nine statements and allows more witnesses.)
 */
function induction(g: Generator): string[] {
  const [asked, witness, ...others] = g.shuffled(ANIMAL_NAMES);
  const kind = pick(g, ANIMALS);
  const actors = [
    { name: witness, kind, supports: true },
    ...others.map((name) => ({ name, kind: pick(g, ANIMALS.filter((a) => a !== kind)), supports: false })),
  ].map((a) => ({ ...a, color: pick(g, COLORS) }));
  const queues = actors.map((a) => [
    { text: `${a.name} is a ${a.kind}.`, supports: a.supports },
    { text: `${a.name} is ${a.color}.`, supports: a.supports },
  ]);
  const told: { text: string; supports: boolean }[] = [];
  for (let waiting = queues.filter((q) => q.length); waiting.length; waiting = queues.filter((q) => q.length)) told.push(pick(g, waiting).shift()!);
  told.push({ text: `${asked} is a ${kind}.`, supports: true });
  const support = told.flatMap((f, i) => (f.supports ? [i + 1] : []));
  return [...told.map((f) => f.text), question(`What color is ${asked}?`, actors[0].color, support)];
}

/**
 * A path of two steps from the start room to the goal among five rooms on a grid. Each room after
 * the first is told relative to one earlier room (from either end), so the rooms and relations form
 * a tree and the path through the relations is unique.
 */
function pathFinding(g: Generator): string[] {
  const rooms = g.shuffled(PLACES).slice(0, 5);
  const at = new Map<string, [number, number]>([[rooms[0], [0, 0]]]);
  const taken = new Set(["0,0"]);
  const relations: { text: string; onPath: boolean }[] = [];
  const steps: Direction[] = [];
  for (let i = 1; i < rooms.length; i++) {
    const from = i <= 2 ? rooms[i - 1] : pick(g, rooms.slice(0, i));
    const free = DIRECTION_NAMES.filter((d) => !taken.has(cell(at.get(from)!, d)));
    if (free.length === 0) return pathFinding(g);
    const d = pick(g, free);
    at.set(rooms[i], step(at.get(from)!, d));
    taken.add(cell(at.get(from)!, d));
    if (i <= 2) steps.push(d);
    // either way round, as Weston et al.'s generator tells it: a step told from its far end must be reversed
    const text = g.uniform() < 0.5 ? `The ${rooms[i]} is ${d} of the ${from}.` : `The ${from} is ${DIRECTIONS[d].opposite} of the ${rooms[i]}.`;
    relations.push({ text, onPath: i <= 2 });
  }
  const told = g.shuffled(relations);
  const facts = told.flatMap((r, i) => (r.onPath ? [i + 1] : []));
  const answer = steps.map((d) => DIRECTIONS[d].letter).join(",");
  return [...told.map((r) => r.text), question(`How do you go from the ${rooms[0]} to the ${rooms[2]}?`, answer, facts)];
}

function step([x, y]: [number, number], d: Direction): [number, number] {
  return [x + DIRECTIONS[d].dx, y + DIRECTIONS[d].dy];
}

function cell(from: [number, number], d: Direction): string {
  return step(from, d).join(",");
}

function cap(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

/** One whole story of the task: statements and questions, in order. */
export function reasoningStory(task: ReasoningTask, generator: Generator): string[] {
  switch (task) {
    case 4:
      return twoArgumentRelations(generator);
    case 15:
      return deduction(generator);
    case 16:
      return induction(generator);
    case 19:
      return pathFinding(generator);
  }
}
