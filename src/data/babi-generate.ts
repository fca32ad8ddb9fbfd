/**
 * A seeded generator of bAbI-style tasks from the simulated world of babi-world.ts, writing the bAbI
 * text format (parseBabi reads it back). All 20 of Weston et al.'s tasks, each asked the way the
 * original files ask it (3 and 5 in babi-carrying-tasks.ts; 9–13 in babi-location-tasks.ts; 4, 15,
 * 16 and 19 in babi-reasoning-tasks.ts; 14, 17 and 18 in babi-ordering-tasks.ts; 20 in
 * babi-motivation-task.ts):
 *   1 single supporting fact  "Where is Mary?"                    the actor's last move
 *   2 two supporting facts    "Where is the apple?"               who took it, and where they went
 *   6 yes/no questions        "Is John in the office?"            the actor's last move
 *   7 counting                "How many objects is Sandra carrying?"  what she took and still holds
 *   8 lists/sets              "What is Daniel carrying?"          the same, as "apple,milk" or "nothing"
 */
import { Generator } from "../tensor/index.js";
import { CARRYING_TASKS, CarryingStory, GIVING_ACTORS, type CarryingTask } from "./babi-carrying-tasks.js";
import { LOCATION_TASKS, LocationStory, type LocationTask } from "./babi-location-tasks.js";
import { motivationStory } from "./babi-motivation-task.js";
import { ORDERING_TASKS, orderingStory, type OrderingTask } from "./babi-ordering-tasks.js";
import { REASONING_TASKS, reasoningStory, type ReasoningTask } from "./babi-reasoning-tasks.js";
import { ACTORS, BabiWorld, PLACES } from "./babi-world.js";

/** The tasks told from the world's actors and objects here; the other files hold theirs. */
const OBJECT_TASKS = [1, 2, 6, 7, 8] as const;
type ObjectTask = (typeof OBJECT_TASKS)[number];
const MOTIVATION_TASK = 20 as const;
/** The tasks whose stories are told whole, questions included, rather than event by event. */
type WholeStoryTask = ReasoningTask | OrderingTask | typeof MOTIVATION_TASK;
export type GeneratedBabiTask = ObjectTask | CarryingTask | LocationTask | WholeStoryTask;
export const GENERATED_BABI_TASKS: readonly GeneratedBabiTask[] = [...OBJECT_TASKS, ...CARRYING_TASKS, ...LOCATION_TASKS, ...REASONING_TASKS, ...ORDERING_TASKS, MOTIVATION_TASK].sort((a, b) => a - b);
const isOf = <T extends number>(tasks: readonly T[], task: number): task is T => (tasks as readonly number[]).includes(task);

export interface BabiGenerateOptions {
  /** Questions in all (bAbI's sizes: 1,000 or 10,000). */
  questions: number;
  /** Questions a story asks before a new one starts (default 5, as bAbI's task 1). */
  questionsPerStory?: number;
  seed?: number;
}

interface Question {
  text: string;
  answer: string;
  facts: number[];
}

const COUNT_WORDS = ["none", "one", "two", "three"];


/** What the task asks of the world now, or null when it has nothing to ask yet. */
function question(task: ObjectTask, world: BabiWorld): Question | null {
  const placed = world.placedActors();
  if (placed.length === 0) return null;
  // the tasks about carrying ask mostly of carriers, or nearly every answer would be "none"
  const carriers = placed.filter((a) => world.actors.get(a)!.carrying.size > 0);
  const actor = (task === 7 || task === 8) && carriers.length > 0 && world.generator.uniform() < 0.75 ? world.pick(carriers) : world.pick(placed);
  const state = world.actors.get(actor)!;
  const holdings = [...state.carrying.entries()];
  switch (task) {
    case 1:
      return { text: `Where is ${actor}?`, answer: state.place!, facts: [state.placeLine] };
    case 6: {
      const asked = world.generator.uniform() < 0.5 ? state.place! : world.pick(PLACES.filter((p) => p !== state.place));
      return { text: `Is ${actor} in the ${asked}?`, answer: asked === state.place ? "yes" : "no", facts: [state.placeLine] };
    }
    case 2: {
      const held = placed.flatMap((a) => [...world.actors.get(a)!.carrying.entries()].map(([object, line]) => ({ holder: a, object, line })));
      if (held.length === 0) return null;
      const { holder, object, line } = world.pick(held);
      const holderState = world.actors.get(holder)!;
      return { text: `Where is the ${object}?`, answer: holderState.place!, facts: [line, holderState.placeLine].sort((a, b) => a - b) };
    }
    case 7:
      return { text: `How many objects is ${actor} carrying?`, answer: COUNT_WORDS[holdings.length], facts: holdings.map(([, line]) => line) };
    case 8:
      return { text: `What is ${actor} carrying?`, answer: holdings.length === 0 ? "nothing" : holdings.map(([object]) => object).join(","), facts: holdings.map(([, line]) => line) };
  }
}

/** One world event: mostly moves; in the tasks about objects, takes and drops too. */
function event(task: ObjectTask, world: BabiWorld): void {
  const roll = world.generator.uniform();
  if (task === 1 || task === 6 || roll < 0.5 || !(roll < 0.8 ? world.take() : world.drop())) world.move();
}

/** A story being told: its next sentence, and a question about it. */
interface Teller {
  event(): void;
  question(): Question | null;
  /** Ask after every event (tasks 11 and 13, whose events are whole blocks), not after half of them. */
  readonly questionEveryEvent?: boolean;
}

function tellerFor(task: ObjectTask | CarryingTask | LocationTask, world: BabiWorld): Teller {
  if (isOf(LOCATION_TASKS, task)) return new LocationStory(task, world);
  if (isOf(CARRYING_TASKS, task)) return new CarryingStory(task, world);
  const objectTask = task;
  for (const actor of ACTORS.slice(0, 2)) world.move(actor);
  return { event: () => event(objectTask, world), question: () => question(objectTask, world) };
}

/** A story of the simulated world with `questions` questions, told by the task's teller. */
function worldStory(task: ObjectTask | CarryingTask | LocationTask, generator: Generator, questions: number): string[] {
  const world = new BabiWorld(generator, task === 5 ? GIVING_ACTORS : ACTORS);
  const teller = tellerFor(task, world);
  let previous = "";
  for (let asked = 0; asked < questions; ) {
    teller.event();
    if (!teller.questionEveryEvent && generator.uniform() < 0.5) continue;
    const q = teller.question();
    if (!q || (q.text === previous && !teller.questionEveryEvent)) continue;
    previous = q.text;
    world.tell(`${q.text}\t${q.answer}\t${q.facts.join(" ")}`);
    asked++;
  }
  return world.lines;
}

/** A whole story of a task told that way, or null for the tasks told from the simulated world. */
function wholeStory(task: GeneratedBabiTask, generator: Generator): string[] | null {
  if (isOf(REASONING_TASKS, task)) return reasoningStory(task, generator);
  if (isOf(ORDERING_TASKS, task)) return orderingStory(task, generator);
  return task === MOTIVATION_TASK ? motivationStory(generator) : null;
}

/** The text of a bAbI file of `questions` questions of the task, seeded. */
export function generateBabi(task: GeneratedBabiTask, { questions, questionsPerStory = 5, seed = 0 }: BabiGenerateOptions): string {
  if (!GENERATED_BABI_TASKS.includes(task)) throw new RangeError(`generateBabi: task must be one of ${GENERATED_BABI_TASKS.join(", ")}, got ${task}`);
  if (!Number.isInteger(questions) || questions < 1) throw new RangeError(`generateBabi: questions must be a positive integer, got ${questions}`);
  if (!Number.isInteger(questionsPerStory) || questionsPerStory < 1) throw new RangeError(`generateBabi: questionsPerStory must be a positive integer, got ${questionsPerStory}`);
  const generator = new Generator(seed);
  const out: string[] = [];
  let asked = 0;
  while (asked < questions) {
    const story = wholeStory(task, generator) ?? worldStory(task as ObjectTask | CarryingTask | LocationTask, generator, Math.min(questionsPerStory, questions - asked));
    // a story's questions beyond the count asked for are left out, with what follows them
    const told: string[] = [];
    for (const line of story) {
      if (asked === questions) break;
      told.push(line);
      if (line.includes("\t")) asked++;
    }
    told.forEach((line, i) => out.push(`${i + 1} ${line}`));
  }
  return `${out.join("\n")}\n`;
}
