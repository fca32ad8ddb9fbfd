/** Per-layer learning rates by parameter name, for fine-tuning (e.g. earlier layers at 1/10 and 1/100). */
import { Tensor } from "../tensor/index.js";
import { checkNumber } from "./validate.js";

/** A parameter group with an explicit learning rate, as lrMultipliers returns them. */
export interface LrGroup {
  params: Tensor[];
  lr: number;
}

/** Whether a parameter name falls under a prefix: the prefix is a whole dotted path segment (or ends in "."). */
function underPrefix(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  return name.length === prefix.length || prefix.endsWith(".") || name[prefix.length] === ".";
}

/**
 * Split named parameters into parameter groups by name prefix: a parameter under a prefix of
 * `multipliers` gets lr = baseLr × multiplier (the longest matching prefix wins), the rest get
 * baseLr. A prefix matches whole dotted segments, so "layer1" covers "layer1.weight" but not
 * "layer10.weight". A multiplier of 0 freezes: those parameters are left out of every group and
 * their requiresGrad is set to false. Groups come in order of first appearance; empty ones are
 * dropped. Pass the result to an optimiser: new SGD(lrMultipliers(net.namedParameters(), 0.01, { "0": 0.01, "2": 0.1 }), { lr: 0.01 }).
 */
export function lrMultipliers(namedParams: Iterable<[string, Tensor]>, baseLr: number, multipliers: Record<string, number>): LrGroup[] {
  checkNumber("lrMultipliers", "baseLr", baseLr, { min: 0 });
  for (const [prefix, m] of Object.entries(multipliers)) checkNumber("lrMultipliers", `the multiplier of "${prefix}"`, m, { min: 0 });
  const prefixes = Object.keys(multipliers).sort((a, b) => b.length - a.length);
  const groups = new Map<number, LrGroup>();
  for (const [name, param] of namedParams) {
    if (!(param instanceof Tensor)) throw new TypeError(`lrMultipliers: parameter "${name}" is ${typeof param}, not a Tensor`);
    const prefix = prefixes.find((p) => underPrefix(name, p));
    const multiplier = prefix === undefined ? 1 : multipliers[prefix];
    if (multiplier === 0) {
      param.requiresGrad_(false);
      continue;
    }
    let group = groups.get(multiplier);
    if (!group) groups.set(multiplier, (group = { params: [], lr: baseLr * multiplier }));
    group.params.push(param);
  }
  return [...groups.values()];
}
