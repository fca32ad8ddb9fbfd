/**
 * Checks for hyper-parameters, shared by the optimisers and schedulers so that every bad value is
 * reported the same way: who rejected it, which option, what it got and what it accepts.
 */

export interface Range {
  min?: number;
  max?: number;
  /** Whether min itself is allowed. Default true. */
  minInclusive?: boolean;
  /** Whether max itself is allowed. Default true. */
  maxInclusive?: boolean;
}

function describeRange({ min = -Infinity, max = Infinity, minInclusive = true, maxInclusive = true }: Range): string {
  if (max === Infinity) return min === -Infinity ? "a finite number" : `a number ${minInclusive ? "≥" : ">"} ${min}`;
  if (min === -Infinity) return `a number ${maxInclusive ? "≤" : "<"} ${max}`;
  return `a number in ${minInclusive ? "[" : "("}${min}, ${max}${maxInclusive ? "]" : ")"}`;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Throw unless value is a finite number within range; owner is the class or function name. */
export function checkNumber(owner: string, name: string, value: unknown, range: Range = {}): number {
  const { min = -Infinity, max = Infinity, minInclusive = true, maxInclusive = true } = range;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (minInclusive ? value >= min : value > min) &&
    (maxInclusive ? value <= max : value < max);
  if (!ok) throw new RangeError(`${owner}: ${name} must be ${describeRange(range)}, got ${show(value)}`);
  return value as number;
}

/** Throw unless value is an integer ≥ min. */
export function checkInteger(owner: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${owner}: ${name} must be an integer ≥ ${min}, got ${show(value)}`);
  }
  return value;
}

export function checkBoolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${owner}: ${name} must be true or false, got ${show(value)}`);
  return value;
}

/** Throw unless value is one of the allowed strings. */
export function checkChoice<T extends string>(owner: string, name: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T)) {
    throw new RangeError(`${owner}: ${name} must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}, got ${show(value)}`);
  }
  return value as T;
}
