/** Assertions shared by the tests. */
import assert from "node:assert/strict";
import { getBackend, setBackend, Tensor } from "../src/index.js";

type Numbers = Tensor | ArrayLike<number> | number;

function flat(x: Numbers): number[] {
  if (typeof x === "number") return [x];
  if (x instanceof Tensor) return Array.from(x.values);
  return Array.from(x);
}

/** Elementwise |actual − expected| ≤ atol + rtol·|expected|, naming the first element that is off. */
export function assertClose(actual: Numbers, expected: Numbers, { rtol = 1e-4, atol = 1e-6, message = "" } = {}): void {
  const a = flat(actual);
  const e = flat(expected);
  assert.equal(a.length, e.length, `${message} length ${a.length} != expected ${e.length}`);
  for (let i = 0; i < a.length; i++) {
    const ok = Number.isNaN(e[i]) ? Number.isNaN(a[i]) : Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]);
    if (!ok) assert.fail(`${message} element ${i}: got ${a[i]}, expected ${e[i]} (rtol ${rtol}, atol ${atol})`);
  }
}

export function assertShape(t: Tensor, shape: readonly number[]): void {
  assert.deepEqual([...t.shape], [...shape], `shape [${t.shape.join(", ")}] != expected [${shape.join(", ")}]`);
}

/** fn's result, computed with `name` as the active backend (the previous one restored after). */
export function onBackend<T>(name: string, fn: () => T): T {
  const initial = getBackend();
  setBackend(name);
  try {
    return fn();
  } finally {
    setBackend(initial);
  }
}
