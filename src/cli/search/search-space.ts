/**
 * What `strata search RECIPE` searches over: each recipe's default space, a --space text laid over
 * it, and the check that every value the space can give is a setting `strata train` accepts.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { search } from "../../train/index.js";
import { flagOf, UsageError } from "../options.js";
import { OPTIMIZERS, recipes } from "../recipes.js";

type SearchSpace = search.SearchSpace;
const { choice, logUniform, uniform } = search;

/** What each setting a space may set accepts: null when the value is fine, else what was expected. */
const SETTING_CHECKS: Record<string, (v: search.ParamValue) => string | null> = {
  lr: (v) => (typeof v === "number" && v > 0 ? null : "a positive number"),
  momentum: (v) => (typeof v === "number" && v >= 0 && v < 1 ? null : "a number in [0, 1)"),
  weightDecay: (v) => (typeof v === "number" && v >= 0 ? null : "a number ≥ 0"),
  batchSize: (v) => (typeof v === "number" && Number.isInteger(v) && v >= 1 ? null : "a positive integer"),
  optimizer: (v) => ((OPTIMIZERS as readonly unknown[]).includes(v) ? null : `one of ${OPTIMIZERS.join(", ")}`),
  augment: (v) => (typeof v === "boolean" ? null : "true or false"),
  width: (v) => (typeof v === "number" && v > 0 ? null : "a positive multiplier"),
  dropout: (v) => (typeof v === "number" && v >= 0 && v < 1 ? null : "a probability in [0, 1)"),
};

/** No L2 decay half the time: whether to decay at all is part of the question. */
const DECAY = choice([0, logUniform(1e-5, 1e-3)]);
const MOMENTUM = uniform(0.8, 0.97);

/** The default spaces: the decades the recipe's rate could sensibly lie in, around its default; the settings its model takes. */
const DEFAULT_SPACES: Record<string, SearchSpace> = {
  lenet5: { lr: logUniform(0.005, 0.2), weightDecay: DECAY, momentum: MOMENTUM, batchSize: choice([32, 64, 128]), dropout: uniform(0, 0.3), width: choice([1, 1.5, 2]) },
  mlp: { lr: logUniform(0.005, 0.2), weightDecay: DECAY, momentum: MOMENTUM, batchSize: choice([32, 64, 128]), dropout: uniform(0, 0.5), width: choice([0.5, 1]) },
  "cifar-quick": { lr: logUniform(0.002, 0.05), weightDecay: choice([0, logUniform(1e-4, 1e-2)]), momentum: MOMENTUM, batchSize: choice([32, 64, 128]) },
};

/** The --space value's text: the file it names, or the value itself. */
function spaceText(spec: string): string {
  return existsSync(spec) && statSync(spec).isFile() ? readFileSync(spec, "utf8") : spec;
}

/** The space of `strata search recipe --space spec`: the default one with the entries of spec in place of its own. */
export function searchSpace(recipe: string, spec: string | undefined): SearchSpace {
  let given: SearchSpace = {};
  try {
    if (spec !== undefined) given = search.parseSpace(spaceText(spec));
  } catch (error) {
    throw new UsageError(`--space: ${(error as Error).message}`);
  }
  const space = { ...DEFAULT_SPACES[recipe], ...given };
  const settable = Object.keys(SETTING_CHECKS).filter((k) => !(k === "width" || k === "dropout") || recipes[recipe].shapedBy.includes(k));
  for (const [name, param] of Object.entries(space)) {
    if (!settable.includes(name)) throw new UsageError(`--space: ${recipe} has no setting "${name}" to search; it may set ${settable.join(", ")}`);
    for (const value of search.extremes(param)) {
      const expected = SETTING_CHECKS[name](value);
      if (expected) throw new UsageError(`--space: ${name}=${search.describeParam(param)} can give ${value}, but ${flagOf(name)} takes ${expected}`);
    }
  }
  return space;
}

/** The recipes that have a default space. */
export const SEARCHABLE = Object.keys(DEFAULT_SPACES);

/** A space in the --space syntax. */
export const describeSpace = (space: SearchSpace) => Object.entries(space).map(([k, p]) => `${flagOf(k).slice(2)}=${search.describeParam(p)}`).join("; ");

/** Each recipe's default space, a line each, for --help. */
export const defaultSpaces = () => SEARCHABLE.map((name) => `  ${name}: ${describeSpace(DEFAULT_SPACES[name])}`).join("\n");
