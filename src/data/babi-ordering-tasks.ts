/**
 * bAbI tasks whose facts place things in an order — of time, of space, of size — and whose
 * questions need two or more of those facts put together; each function tells one whole story
 * (statements and questions, bAbI's line text without the numbers):
 *  14 time reasoning        "Yesterday Julie went to the office." "Julie went to the school this morning."
 *                           Where was Julie before the school? office
 *  17 positional reasoning  "The triangle is above the pink rectangle." "The blue square is to the left of the triangle."
 *                           Is the pink rectangle to the right of the blue square? yes
 *  18 size reasoning        "The football fits in the suitcase." "The suitcase fits in the cupboard."
 *                           Will the football fit in the cupboard? yes
 */
import type { Generator } from "../tensor/index.js";

export const ORDERING_TASKS = [14, 17, 18] as const;
export type OrderingTask = (typeof ORDERING_TASKS)[number];

const pick = <T>(g: Generator, items: readonly T[]): T => items[g.int(items.length)];
const question = (text: string, answer: string, facts: number[]) => `${text}\t${answer}\t${[...facts].sort((a, b) => a - b).join(" ")}`;

const TIME_ACTORS = ["Bill", "Julie", "Fred", "Mary"];
const TIME_PLACES = ["cinema", "park", "school", "office", "kitchen", "bedroom"];
/** The times of day in order, and the two ways a sentence may say each. */
const TIMES = ["yesterday", "this morning", "this afternoon", "this evening"];
const TIME_VERBS = ["went to", "journeyed to", "moved to", "travelled to"];

/**
 * Every actor goes to two to four places at distinct times of day (no place twice); the sentences
 * are told out of order, so only the time words say which came first.
 */
function timeReasoning(g: Generator): string[] {
  const told: { text: string; actor: string; time: number; place: string }[] = [];
  for (const actor of g.shuffled(TIME_ACTORS).slice(0, 2 + g.int(3))) {
    const times = g.shuffled([0, 1, 2, 3]).slice(0, 2 + g.int(3)).sort((x, y) => x - y);
    const places = g.shuffled(TIME_PLACES);
    times.forEach((time, i) => {
      const when = TIMES[time];
      const where = `${pick(g, TIME_VERBS)} the ${places[i]}`;
      const text = g.int(2) === 0 ? `${actor} ${where} ${when}.` : `${when[0].toUpperCase()}${when.slice(1)} ${actor} ${where}.`;
      told.push({ text, actor, time, place: places[i] });
    });
  }
  const lines = g.shuffled(told);
  const questions = g.shuffled(lines.filter((later) => lines.some((f) => f.actor === later.actor && f.time < later.time))).slice(0, 2);
  return [
    ...lines.map((f) => f.text),
    ...questions.map((later) => {
      const earlier = lines.filter((f) => f.actor === later.actor && f.time < later.time).reduce((a, b) => (b.time > a.time ? b : a));
      return question(`Where was ${later.actor} before the ${later.place}?`, earlier.place, [lines.indexOf(later) + 1, lines.indexOf(earlier) + 1]);
    }),
  ];
}

const SHAPES = ["triangle", "red square", "blue square", "pink rectangle", "red sphere", "yellow square"];
/** A relation's words, and the axis and sign of the first shape's offset from the second. */
const POSITIONS = [
  { words: "above", axis: 1, sign: 1 },
  { words: "below", axis: 1, sign: -1 },
  { words: "to the left of", axis: 0, sign: -1 },
  { words: "to the right of", axis: 0, sign: 1 },
] as const;

/**
 * Three shapes: the second one step from the first along one axis, the third one step from the
 * first along the other, so the second and third are diagonal and every question about them needs
 * both statements. All eight questions (either order, four relations) are asked, half of them yes.
 */
function positionalReasoning(g: Generator): string[] {
  const [a, b, c] = g.shuffled(SHAPES);
  const first = pick(g, POSITIONS);
  const second = pick(g, POSITIONS.filter((p) => p.axis !== first.axis));
  // b relative to a, c relative to a; each told either way round ("b is above a" or "a is below b")
  const at = new Map<string, [number, number]>([[a, [0, 0]]]);
  const lines: string[] = [];
  for (const [shape, relation] of [[b, first], [c, second]] as const) {
    const offset: [number, number] = [0, 0];
    offset[relation.axis] = relation.sign;
    at.set(shape, offset);
    const reverse = POSITIONS.find((p) => p.axis === relation.axis && p.sign === -relation.sign)!;
    lines.push(g.int(2) === 0 ? `The ${shape} is ${relation.words} the ${a}.` : `The ${a} is ${reverse.words} the ${shape}.`);
  }
  const asked = g.shuffled([b, c].flatMap((x) => POSITIONS.map((relation) => ({ x, y: x === b ? c : b, relation }))));
  return [
    ...lines,
    ...asked.map(({ x, y, relation }) => {
      const holds = Math.sign(at.get(x)![relation.axis] - at.get(y)![relation.axis]) === relation.sign;
      return question(`Is the ${x} ${relation.words} the ${y}?`, holds ? "yes" : "no", [1, 2]);
    }),
  ];
}

/** Containers from smallest to largest; a story draws five and relates some pairs. */
const BY_SIZE = ["chocolate", "football", "box", "suitcase", "chest", "container", "cupboard"];
/** The questions about two containers of known order, by their answer: yes (asked the right way round) or no. */
const SIZE_QUESTIONS = {
  yes: [(small: string, big: string) => `Does the ${small} fit in the ${big}?`, (small: string, big: string) => `Will the ${small} fit in the ${big}?`, (small: string, big: string) => `Is the ${big} bigger than the ${small}?`],
  no: [(small: string, big: string) => `Does the ${big} fit in the ${small}?`, (small: string, big: string) => `Will the ${big} fit in the ${small}?`, (small: string, big: string) => `Is the ${small} bigger than the ${big}?`],
};

/**
 * Five containers in order of size; a chain of four statements relates neighbours (each "fits in"
 * or "is bigger than"), told in shuffled order, so that a question about two containers is settled
 * by the statements between them: as many facts as the steps of size between them, up to three.
 */
function sizeReasoning(g: Generator): string[] {
  const five = g.shuffled(BY_SIZE.map((_, i) => i)).slice(0, 5).sort((x, y) => x - y).map((i) => BY_SIZE[i]);
  const steps = g.shuffled([0, 1, 2, 3]);
  const lines = steps.map((i) => (g.int(2) === 0 ? `The ${five[i]} fits inside the ${five[i + 1]}.` : `The ${five[i + 1]} is bigger than the ${five[i]}.`));
  const lineOf = (i: number) => steps.indexOf(i) + 1;
  const out = [...lines];
  for (let n = 0; n < 4; n++) {
    const gap = 1 + g.int(3);
    const small = g.int(5 - gap);
    const answer = g.int(2) === 0 ? "yes" : "no";
    const text = pick(g, SIZE_QUESTIONS[answer])(five[small], five[small + gap]);
    out.push(question(text, answer, Array.from({ length: gap }, (_, k) => lineOf(small + k))));
  }
  return out;
}

const TELLERS: Record<OrderingTask, (g: Generator) => string[]> = { 14: timeReasoning, 17: positionalReasoning, 18: sizeReasoning };

/** One whole story of the task: statements and questions, in order. */
export function orderingStory(task: OrderingTask, generator: Generator): string[] {
  return TELLERS[task](generator);
}
