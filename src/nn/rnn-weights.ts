/** Creating and reading the weights of recurrent layers under PyTorch's parameter names. */
import { zeros } from "../ops/index.js";
import type { CellWeights } from "./functional/rnn-cells.js";
import { uniform_ } from "./init.js";
import type { Module } from "./module.js";
import { Parameter } from "./parameter.js";

/**
 * Add weight_ih{suffix} [gates·hidden, inputSize], weight_hh{suffix} [gates·hidden, hidden] and,
 * with bias, bias_ih{suffix}, bias_hh{suffix} as properties of owner, in PyTorch's order (so
 * namedParameters and state dicts use torch's keys), all drawn from U(±1/√hidden) as PyTorch.
 */
export function addCellParameters(owner: Module, suffix: string, gates: number, inputSize: number, hidden: number, bias: boolean): void {
  const bound = 1 / Math.sqrt(hidden);
  const make = (shape: number[]) => new Parameter(uniform_(zeros(shape), -bound, bound));
  const props = owner as unknown as Record<string, Parameter>;
  props[`weight_ih${suffix}`] = make([gates * hidden, inputSize]);
  props[`weight_hh${suffix}`] = make([gates * hidden, hidden]);
  if (bias) {
    props[`bias_ih${suffix}`] = make([gates * hidden]);
    props[`bias_hh${suffix}`] = make([gates * hidden]);
  }
}

/** The cell weights stored by addCellParameters under the given suffix. */
export function cellParameters(owner: Module, suffix: string): CellWeights {
  const props = owner as unknown as Record<string, Parameter | undefined>;
  return {
    weightIh: props[`weight_ih${suffix}`]!,
    weightHh: props[`weight_hh${suffix}`]!,
    biasIh: props[`bias_ih${suffix}`] ?? null,
    biasHh: props[`bias_hh${suffix}`] ?? null,
  };
}

/** Check the sizes shared by every recurrent layer and cell. */
export function checkSizes(op: string, inputSize: number, hiddenSize: number): void {
  for (const [name, n] of [["inputSize", inputSize], ["hiddenSize", hiddenSize]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${op}: ${name} must be a positive integer, got ${n}`);
  }
}
