/**
 * Pairs of samples for metric learning (DrLIM, Siamese nets): half of them of the same class, half of
 * different classes, labelled as Hadsell, Chopra & LeCun (2006) label them — 0 similar, 1 dissimilar
 * — which is what nn.ContrastiveLoss takes.
 */
import { Generator } from "../tensor/index.js";

export interface LabelledPairs {
  /** Indices of each pair's first and second sample. */
  first: Int32Array;
  second: Int32Array;
  /** 0 when the two share a class, 1 when they do not. */
  dissimilar: Float32Array;
}

/** `count` seeded pairs of the samples with these labels, alternately similar and dissimilar. */
export function samplePairs(labels: ArrayLike<number>, count: number, generator = new Generator(0)): LabelledPairs {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`samplePairs: count must be a positive integer, got ${count}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]);
    if (members) members.push(i);
    else byClass.set(labels[i], [i]);
  }
  const classes = [...byClass.keys()];
  if (classes.length < 2) throw new RangeError(`samplePairs: dissimilar pairs need samples of at least two classes, got ${classes.length}`);
  const pairable = classes.filter((c) => byClass.get(c)!.length >= 2);
  if (pairable.length === 0) throw new RangeError("samplePairs: similar pairs need a class with at least two samples");
  const pick = <T>(items: readonly T[]) => items[generator.int(items.length)];
  const pairs: LabelledPairs = { first: new Int32Array(count), second: new Int32Array(count), dissimilar: new Float32Array(count) };
  for (let k = 0; k < count; k++) {
    const similar = k % 2 === 0;
    const a = similar ? pick(pairable) : pick(classes);
    const b = similar ? a : pick(classes.filter((c) => c !== a));
    const members = byClass.get(a)!;
    const at = generator.int(members.length);
    pairs.first[k] = members[at];
    // a similar pair's second sample: any other member, drawn as from the members without the first
    const other = similar ? generator.int(members.length - 1) : -1;
    pairs.second[k] = similar ? members[other < at ? other : other + 1] : pick(byClass.get(b)!);
    pairs.dissimilar[k] = similar ? 0 : 1;
  }
  return pairs;
}
