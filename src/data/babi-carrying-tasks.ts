/**
 * bAbI tasks 3 and 5: objects carried from place to place and handed between actors, told by the
 * simulated world of babi-world.ts.
 *   3 three supporting facts      "Where was the apple before the bathroom?"   office
 *       (who took the apple, and the two moves that carried it from the office into the bathroom)
 *   5 three-argument relations    "Fred gave the football to Bill."  Who received the football? Bill
 */
import { OBJECTS, type BabiWorld } from "./babi-world.js";

export const CARRYING_TASKS = [3, 5] as const;
export type CarryingTask = (typeof CARRYING_TASKS)[number];

/** Task 5's cast, as the original files name them. */
export const GIVING_ACTORS = ["Bill", "Fred", "Jeff", "Mary"] as const;
const GIVE_VERBS = ["gave", "handed", "passed"] as const;
/** How far back (in lines, questions included) task 3's facts may lie. */
const RECENT_LINES = 40;

export interface CarryingQuestion {
  text: string;
  answer: string;
  facts: number[];
}

/** A place an object was in, and the lines that put it there (who held it, and how it got there). */
interface Visit {
  place: string;
  lines: number[];
}

interface Give {
  giver: string;
  receiver: string;
  object: string;
  line: number;
}

export class CarryingStory {
  /** Task 3: every object's places in order (consecutive visits differ). */
  private readonly visits = new Map<string, Visit[]>(OBJECTS.map((o) => [o, []]));
  /** Task 5: every hand-over so far. */
  private readonly gives: Give[] = [];

  constructor(
    readonly task: CarryingTask,
    readonly world: BabiWorld,
  ) {
    for (const actor of world.cast.slice(0, 2)) world.move(actor);
  }

  private visit(object: string, place: string, lines: number[]): void {
    const seen = this.visits.get(object)!;
    if (seen.at(-1)?.place !== place) seen.push({ place, lines });
  }

  /** One sentence (two when a receiver first walks over to the giver): moves, takes, drops, and in task 5 gives. */
  event(): void {
    const { world } = this;
    const roll = world.generator.uniform();
    // task 3 drops less, so that objects travel: its questions need two carried moves in a row
    const done = roll < 0.45 ? false : roll < 0.7 ? this.take() : this.task === 5 ? (roll < 0.95 ? this.give() : world.drop()) : roll >= 0.85 && world.drop();
    if (!done) this.move(world.pick(world.cast));
  }

  /** The actor moves, and what they carry goes along: the line it was taken on and this move put it here. */
  private move(actor: string, place?: string): void {
    this.world.move(actor, place);
    const state = this.world.actors.get(actor)!;
    for (const [object, taken] of state.carrying) this.visit(object, state.place!, [taken, state.placeLine]);
  }

  /** An actor picks up a free object where it lies (objects never carried lie anywhere); false when none can. */
  private take(): boolean {
    const taken = this.world.take((actor, object) => {
      const last = this.visits.get(object)!.at(-1);
      return last === undefined || last.place === this.world.actors.get(actor)!.place;
    });
    if (taken === null) return false;
    const holder = this.world.actors.get(taken.actor)!;
    this.visit(taken.object, holder.place!, [holder.placeLine, taken.line]);
    return true;
  }

  /** A carrier hands one object to another actor, who first walks over when elsewhere; false when nobody carries anything. */
  private give(): boolean {
    const { world } = this;
    const carriers = world.cast.filter((a) => world.actors.get(a)!.carrying.size > 0);
    if (carriers.length === 0) return false;
    const giver = world.pick(carriers);
    const from = world.actors.get(giver)!;
    const receiver = world.pick(world.cast.filter((a) => a !== giver));
    const to = world.actors.get(receiver)!;
    if (to.place !== from.place) this.move(receiver, from.place!);
    const object = world.pick([...from.carrying.keys()]);
    from.carrying.delete(object);
    const line = world.tell(`${giver} ${world.pick(GIVE_VERBS)} the ${object} to ${receiver}.`);
    to.carrying.set(object, line);
    this.gives.push({ giver, receiver, object, line });
    return true;
  }

  question(): CarryingQuestion | null {
    return this.task === 3 ? this.whereBefore() : this.aboutGive();
  }

  /**
   * "Where was the O before the X?": a move of the object into X that is its last visit there,
   * asked only when the two visits rest on three lines (one holder's take and moves), as the
   * original task's questions do, and only when those lines are among the last RECENT_LINES, so
   * that a memory of 50 sentences still holds them.
   */
  private whereBefore(): CarryingQuestion | null {
    const oldest = this.world.lines.length - RECENT_LINES;
    const choices = [...this.visits].flatMap(([object, seen]) =>
      seen.flatMap((v, k) => {
        if (k === 0 || seen.slice(k + 1).some((later) => later.place === v.place)) return [];
        const facts = [...new Set([...seen[k - 1].lines, ...v.lines])].sort((a, b) => a - b);
        return facts.length === 3 && facts[0] > oldest ? [{ object, before: v.place, answer: seen[k - 1].place, facts }] : [];
      }),
    );
    if (choices.length === 0) return null;
    const { object, before, answer, facts } = this.world.pick(choices);
    return { text: `Where was the ${object} before the ${before}?`, answer, facts };
  }

  /** A question about a hand-over, answered by the last one that matches it (its line the fact). */
  private aboutGive(): CarryingQuestion | null {
    if (this.gives.length === 0) return null;
    const { world, gives } = this;
    // mostly the latest hand-overs, as the original asks right after them
    const g = gives[Math.max(0, gives.length - 1 - world.generator.int(3))];
    const last = (match: (x: Give) => boolean) => [...gives].reverse().find(match)!;
    const forms: [string, Give, keyof Give][] = [
      [`What did ${g.giver} give to ${g.receiver}?`, last((x) => x.giver === g.giver && x.receiver === g.receiver), "object"],
      [`Who gave the ${g.object} to ${g.receiver}?`, last((x) => x.object === g.object && x.receiver === g.receiver), "giver"],
      [`Who did ${g.giver} give the ${g.object} to?`, last((x) => x.giver === g.giver && x.object === g.object), "receiver"],
      [`Who received the ${g.object}?`, last((x) => x.object === g.object), "receiver"],
      [`Who gave the ${g.object}?`, last((x) => x.object === g.object), "giver"],
    ];
    const [text, matched, field] = world.pick(forms);
    return { text, answer: String(matched[field]), facts: [matched.line] };
  }
}
