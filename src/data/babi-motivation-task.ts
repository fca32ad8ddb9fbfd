/**
 * bAbI task 20, agent motivations: an actor's state says where they will go and what they will get
 * there, and why they went or got it.
 *   "Yann is hungry."  Where will yann go? kitchen   "Yann went back to the kitchen."  Why did yann go to the kitchen? hungry
 * Each actor states a motive, goes to its place and picks up its object, the actors' sentences
 * interleaved; the original's questions name the actor in lower case, and so do these.
 */
import type { Generator } from "../tensor/index.js";

export const MOTIVATION_ACTORS = ["Sumit", "Yann", "Jason", "Antoine"];
/** What each state makes an actor do: where they go, and what they get there. */
export const MOTIVES: Record<string, { place: string; object: string }> = {
  hungry: { place: "kitchen", object: "apple" },
  thirsty: { place: "kitchen", object: "milk" },
  tired: { place: "bedroom", object: "pajamas" },
  bored: { place: "garden", object: "football" },
};
const GO_VERBS = ["went to", "went back to", "journeyed to", "travelled to", "moved to"];
const GET_VERBS = ["picked up", "got", "grabbed", "took"];

/** One whole story: statements and questions, in order, each question's fact the actor's motive. */
export function motivationStory(g: Generator): string[] {
  const lines: string[] = [];
  const ask = (text: string, answer: string, fact: number) => lines.push(`${text}\t${answer}\t${fact}`);
  const plans = g.shuffled(MOTIVATION_ACTORS).slice(0, 2 + g.int(3)).map((actor) => ({ actor, motive: Object.keys(MOTIVES)[g.int(4)], step: 0, line: 0 }));
  for (let left = plans.filter((p) => p.step < 3); left.length > 0; left = plans.filter((p) => p.step < 3)) {
    const plan = left[g.int(left.length)];
    const { actor, motive } = plan;
    const { place, object } = MOTIVES[motive];
    const name = actor.toLowerCase();
    const askNow = g.uniform() < 0.7;
    if (plan.step === 0) {
      lines.push(`${actor} is ${motive}.`);
      plan.line = lines.length;
      if (askNow) ask(`Where will ${name} go?`, place, plan.line);
    } else if (plan.step === 1) {
      lines.push(`${actor} ${GO_VERBS[g.int(GO_VERBS.length)]} the ${place}.`);
      if (askNow) ask(`Why did ${name} go to the ${place}?`, motive, plan.line);
    } else {
      lines.push(`${actor} ${GET_VERBS[g.int(GET_VERBS.length)]} the ${object} there.`);
      if (askNow) ask(`Why did ${name} get the ${object}?`, motive, plan.line);
    }
    plan.step++;
  }
  return lines;
}
