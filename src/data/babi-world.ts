/**
 * The small simulated world bAbI-style stories are told from: actors who move between places and
 * pick up, drop and carry objects. Every event is a sentence of the story; the world's state after
 * each one is what questions are answered from, and each event remembers the line it was told on so
 * questions can name their supporting facts.
 */
import type { Generator } from "../tensor/index.js";

export const ACTORS = ["Mary", "John", "Sandra", "Daniel"] as const;
export const PLACES = ["bathroom", "hallway", "garden", "office", "kitchen", "bedroom"] as const;
export const OBJECTS = ["apple", "football", "milk"] as const;
const MOVE_VERBS = ["moved to", "went to", "journeyed to", "travelled to", "went back to"] as const;
const TAKE_VERBS = ["picked up", "got", "grabbed", "took"] as const;
const DROP_VERBS = ["dropped", "discarded", "put down", "left"] as const;

/** What the world knows of an actor: where they are (and since which line), and what they carry (and since which line). */
interface ActorState {
  place: string | null;
  placeLine: number;
  carrying: Map<string, number>;
}

export class BabiWorld {
  /** The story so far, one sentence a line. */
  readonly lines: string[] = [];
  readonly actors = new Map<string, ActorState>();

  /** `cast`: the actors of the story (default ACTORS; task 5 tells of Bill, Fred, Jeff and Mary). */
  constructor(
    readonly generator: Generator,
    readonly cast: readonly string[] = ACTORS,
  ) {
    for (const actor of cast) this.actors.set(actor, { place: null, placeLine: 0, carrying: new Map() });
  }

  pick<T>(items: readonly T[]): T {
    return items[this.generator.int(items.length)];
  }

  /** Tells a line of the story and returns its number (1-based). */
  tell(sentence: string): number {
    this.lines.push(sentence);
    return this.lines.length;
  }

  /** A random actor moves to a place other than where they are (or to `place`, if given). */
  move(actor = this.pick(this.cast), place: string = this.pick(PLACES.filter((p) => p !== this.actors.get(actor)!.place))): void {
    const state = this.actors.get(actor)!;
    state.place = place;
    state.placeLine = this.tell(`${actor} ${this.pick(MOVE_VERBS)} the ${place}.`);
  }

  /** The object's holder, if anyone carries it. */
  holderOf(object: string): string | null {
    for (const [actor, state] of this.actors) if (state.carrying.has(object)) return actor;
    return null;
  }

  /**
   * An actor who has been somewhere picks up an object nobody holds (and, if `reachable` is given,
   * one it allows that actor); who took what on which line, or null when there is none to pick up.
   */
  take(reachable: (actor: string, object: string) => boolean = () => true): { actor: string; object: string; line: number } | null {
    const choices = this.placedActors().flatMap((actor) => OBJECTS.filter((o) => this.holderOf(o) === null && reachable(actor, o)).map((object) => ({ actor, object })));
    if (choices.length === 0) return null;
    const { actor, object } = this.pick(choices);
    const line = this.tell(`${actor} ${this.pick(TAKE_VERBS)} the ${object} there.`);
    this.actors.get(actor)!.carrying.set(object, line);
    return { actor, object, line };
  }

  /** An actor who carries something drops one of it; false when nobody carries anything. */
  drop(): boolean {
    const carriers = this.cast.filter((a) => this.actors.get(a)!.carrying.size > 0);
    if (carriers.length === 0) return false;
    const actor = this.pick(carriers);
    const carrying = this.actors.get(actor)!.carrying;
    const object = this.pick([...carrying.keys()]);
    carrying.delete(object);
    this.tell(`${actor} ${this.pick(DROP_VERBS)} the ${object}.`);
    return true;
  }

  /** Actors who have been told to be somewhere. */
  placedActors(): string[] {
    return this.cast.filter((a) => this.actors.get(a)!.place !== null);
  }
}
