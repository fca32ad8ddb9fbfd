/**
 * bAbI tasks 9–13: the same moves between places, told in the forms those tasks test, and what a
 * reader knows of each actor's whereabouts afterwards.
 *   9 simple negation          "Mary is no longer in the office."      Is Mary in the office? no
 *  10 indefinite knowledge     "Mary is either in the garden or the office."   … maybe
 *  11 basic coreference        "Following that she went to the garden."  Where is Mary?
 *  12 conjunction              "Mary and John went to the garden."      Where is John?
 *  13 compound coreference     "Then they journeyed to the office."     Where is John?
 * Tasks 11 and 13 are told as Weston et al.'s generator tells them (bAbI-tasks, BasicCoreference.lua
 * and CompoundCoreference.lua): blocks of a named move, a move by pronoun ("Then he …", "Then they
 * …") and a question about who the block named; their answers lie in the block just told.
 */
import { ACTORS, PLACES, type BabiWorld } from "./babi-world.js";

export const LOCATION_TASKS = [9, 10, 11, 12, 13] as const;
export type LocationTask = (typeof LOCATION_TASKS)[number];

const PRONOUN: Record<string, string> = { Mary: "she", Sandra: "she", John: "he", Daniel: "he" };
const THEN = ["Then", "After that", "Following that", "Afterwards"];

/** What the story says of one actor: where they are, where they are not, or two places they may be; and the lines that say so. */
interface Knowledge {
  at: string | null;
  notAt: string | null;
  either: [string, string] | null;
  lines: number[];
}

export interface LocationQuestion {
  text: string;
  answer: string;
  facts: number[];
}

/** The tasks told in blocks of two moves and a question (LocationStory.questionEveryEvent). */
const BLOCK_TASKS: readonly LocationTask[] = [11, 13];

export class LocationStory {
  readonly known = new Map<string, Knowledge>();
  /** Who the last sentence was about (for "she" and "they"), and the line that named them. */
  private last: { actors: string[]; line: number } | null = null;
  /** Whether each event is a whole block to be asked about at once (tasks 11 and 13). */
  readonly questionEveryEvent: boolean;

  constructor(
    readonly task: LocationTask,
    readonly world: BabiWorld,
  ) {
    this.questionEveryEvent = BLOCK_TASKS.includes(task);
  }

  private learn(actors: string[], knowledge: Omit<Knowledge, "lines">, lines: number[]): void {
    for (const actor of actors) this.known.set(actor, { ...knowledge, lines });
    // lines: the naming line first, then (for "he", "they") the pronoun's; a chain of pronouns keeps pointing at the name
    this.last = { actors, line: lines[0] };
  }

  /** A place other than where the story last put the actor. */
  private elsewhere(actor: string): string {
    return this.world.pick(PLACES.filter((p) => p !== this.known.get(actor)?.at));
  }

  /** One sentence of the story in the task's form. */
  event(): void {
    const { world, task } = this;
    const actor = world.pick(ACTORS);
    const place = this.elsewhere(actor);
    const roll = world.generator.uniform();
    if (task === 9 && roll < 0.4 && this.known.get(actor)?.at) {
      const was = this.known.get(actor)!.at!;
      this.learn([actor], { at: null, notAt: was, either: null }, [world.tell(`${actor} is no longer in the ${was}.`)]);
    } else if (task === 10 && roll < 0.4) {
      const other = world.pick(PLACES.filter((p) => p !== place));
      this.learn([actor], { at: null, notAt: null, either: [place, other] }, [world.tell(`${actor} is either in the ${place} or the ${other}.`)]);
    } else if (task === 11 || task === 13) {
      const actors = task === 11 ? [actor] : [actor, world.pick(ACTORS.filter((a) => a !== actor))];
      this.learn(actors, { at: place, notAt: null, either: null }, [world.tell(`${actors.join(" and ")} went to the ${place}.`)]);
      const there = this.elsewhere(actor);
      const line = world.tell(`${world.pick(THEN)} ${task === 11 ? PRONOUN[actor] : "they"} went to the ${there}.`);
      this.learn(actors, { at: there, notAt: null, either: null }, [this.last!.line, line]);
    } else if (task === 12 && roll < 0.5) {
      const pair = [actor, world.pick(ACTORS.filter((a) => a !== actor))];
      this.learn(pair, { at: place, notAt: null, either: null }, [world.tell(`${pair[0]} and ${pair[1]} went to the ${place}.`)]);
    } else {
      this.learn([actor], { at: place, notAt: null, either: null }, [world.tell(`${actor} ${task === 9 || task === 10 ? "is in" : "went to"} the ${place}.`)]);
    }
  }

  /** A question the story can answer now, or null. */
  question(): LocationQuestion | null {
    // the block tasks ask about who the block named; the others about anyone the story placed
    const known = this.questionEveryEvent && this.last ? this.last.actors : [...this.known.keys()];
    if (known.length === 0) return null;
    const actor = this.world.pick(known);
    const k = this.known.get(actor)!;
    const facts = [...k.lines].sort((a, b) => a - b);
    if (this.task >= 11) return { text: `Where is ${actor}?`, answer: k.at!, facts };
    const candidates = [k.at, k.notAt, ...(k.either ?? []), this.world.pick(PLACES)].filter((p): p is string => p !== null);
    const asked = this.world.pick(candidates);
    const answer = k.at !== null ? (asked === k.at ? "yes" : "no") : asked === k.notAt ? "no" : k.either?.includes(asked) ? "maybe" : k.either ? "no" : null;
    // after "no longer in the office", the story does not say whether the actor is in the garden
    if (answer === null) return null;
    return { text: `Is ${actor} in the ${asked}?`, answer, facts };
  }
}
