/**
 * A declared search space, as Optuna's suggest_* or Ray Tune's tune.loguniform declare one: each
 * named setting is a constant or a distribution, and sampleConfig draws one configuration from a
 * seeded generator (so a search repeats with its seed).
 */
import type { Generator } from "../../index.js";

export type ParamValue = number | string | boolean;

export type Distribution =
  /** log(value) uniform in [log low, log high): each decade equally likely (learning rates, weight decay). */
  | { kind: "logUniform"; low: number; high: number }
  | { kind: "uniform"; low: number; high: number }
  /** An integer in [low, high], each equally likely. */
  | { kind: "intUniform"; low: number; high: number }
  /** One of the options, each equally likely; an option may itself be a distribution (e.g. 0 or a log-uniform decay). */
  | { kind: "choice"; options: readonly Param[] };

export type Param = ParamValue | Distribution;
export type SearchSpace = Record<string, Param>;
export type Config = Record<string, ParamValue>;

function checkRange(kind: string, low: number, high: number): void {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) throw new RangeError(`${kind}(${low}, ${high}): expected finite bounds with low < high`);
}

export function logUniform(low: number, high: number): Distribution {
  checkRange("logUniform", low, high);
  if (low <= 0) throw new RangeError(`logUniform(${low}, ${high}): the bounds must be positive (use choice(0, logUniform(…)) to allow 0)`);
  return { kind: "logUniform", low, high };
}

export function uniform(low: number, high: number): Distribution {
  checkRange("uniform", low, high);
  return { kind: "uniform", low, high };
}

export function intUniform(low: number, high: number): Distribution {
  checkRange("intUniform", low, high);
  if (!Number.isInteger(low) || !Number.isInteger(high)) throw new RangeError(`intUniform(${low}, ${high}): the bounds must be integers`);
  return { kind: "intUniform", low, high };
}

export function choice(options: readonly Param[]): Distribution {
  if (options.length === 0) throw new RangeError("choice(): expected at least one option");
  return { kind: "choice", options };
}

const isDistribution = (p: Param): p is Distribution => typeof p === "object";

export function sampleParam(param: Param, generator: Generator): ParamValue {
  if (!isDistribution(param)) return param;
  switch (param.kind) {
    case "logUniform": {
      const [a, b] = [Math.log(param.low), Math.log(param.high)];
      return Math.exp(a + generator.uniform() * (b - a));
    }
    case "uniform":
      return param.low + generator.uniform() * (param.high - param.low);
    case "intUniform":
      return param.low + generator.int(param.high - param.low + 1);
    case "choice":
      return sampleParam(param.options[generator.int(param.options.length)], generator);
  }
}

/** One configuration: every setting of the space drawn in the order of their names, so the order they were declared in does not matter. */
export function sampleConfig(space: SearchSpace, generator: Generator): Config {
  return Object.fromEntries(
    Object.keys(space)
      .sort()
      .map((name) => [name, sampleParam(space[name], generator)]),
  );
}

/** The values a parameter can take at its edges: the bounds of a range, every option of a choice. Enough to check a space against a setting's valid range. */
export function extremes(param: Param): ParamValue[] {
  if (!isDistribution(param)) return [param];
  if (param.kind === "choice") return param.options.flatMap(extremes);
  return [param.low, param.high];
}

/** A parameter as the space syntax writes it: "log(0.001, 0.1)", "choice(32, 64)". */
export function describeParam(param: Param): string {
  if (!isDistribution(param)) return String(param);
  switch (param.kind) {
    case "logUniform": return `log(${param.low}, ${param.high})`;
    case "uniform": return `uniform(${param.low}, ${param.high})`;
    case "intUniform": return `int(${param.low}, ${param.high})`;
    case "choice": return `choice(${param.options.map(describeParam).join(", ")})`;
  }
}
