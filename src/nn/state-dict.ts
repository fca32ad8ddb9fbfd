/** Checking a state dict against a module's parameters and buffers, and copying it in. */
import { fmtShape, sameShape, Tensor } from "../tensor/index.js";

/** A state dict that does not fit the module: names every missing, unexpected or mis-shaped key. */
export class StateDictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateDictError";
  }
}

/** A state dict as stateDict() returns it (a Map), or as a plain object keyed the same way. */
export type StateDictLike = ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;

export interface LoadStateDictOptions {
  /** Refuse keys the module lacks and keys the state lacks (default true), as PyTorch. */
  strict?: boolean;
}

export interface LoadStateDictResult {
  /** The module's keys that the state did not provide (only non-empty when strict is false). */
  missingKeys: string[];
  /** The state's keys that the module does not have (only non-empty when strict is false). */
  unexpectedKeys: string[];
}

const quoted = (keys: string[]) => keys.map((k) => `"${k}"`).join(", ");

/** Validate everything first, then copy: a failed load leaves the module untouched. */
export function loadState(
  owner: string,
  targets: readonly [string, Tensor][],
  state: StateDictLike,
  { strict = true }: LoadStateDictOptions = {},
): LoadStateDictResult {
  const given: ReadonlyMap<string, unknown> = state instanceof Map ? state : new Map(Object.entries(state));
  const wanted = new Map(targets);
  const missingKeys = [...wanted.keys()].filter((k) => !given.has(k));
  const unexpectedKeys = [...given.keys()].filter((k) => !wanted.has(k));
  const problems: string[] = [];
  if (strict && missingKeys.length > 0) problems.push(`missing keys ${quoted(missingKeys)}`);
  if (strict && unexpectedKeys.length > 0) problems.push(`unexpected keys ${quoted(unexpectedKeys)}`);
  for (const [key, target] of wanted) {
    const source = given.get(key);
    if (source === undefined) continue;
    if (!(source instanceof Tensor)) problems.push(`"${key}" is ${typeof source}, not a Tensor`);
    else if (!sameShape(source.shape, target.shape)) {
      problems.push(`size mismatch for "${key}": the state has shape ${fmtShape(source.shape)}, the module has ${fmtShape(target.shape)}`);
    }
  }
  if (problems.length > 0) throw new StateDictError(`loadStateDict (${owner}): ${problems.join("; ")}`);
  for (const [key, target] of wanted) {
    const source = given.get(key);
    if (source instanceof Tensor) target.values.set(source.values);
  }
  return { missingKeys, unexpectedKeys };
}
