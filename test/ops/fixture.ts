/** Reading the PyTorch fixtures written by test/fixtures/fixtures_ops.py. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { tensor, type DType, type Tensor } from "../../src/index.js";

type Stored = number | "nan" | "inf" | "-inf";

export interface StoredTensor {
  shape: number[];
  values: Stored[];
  dtype: DType;
}

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/ops/${name}`, import.meta.url), "utf8")) as T;
}

function decode(v: Stored): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v;
}

export function fromStored(t: StoredTensor, options: { requiresGrad?: boolean } = {}): Tensor {
  const values = t.values.map(decode);
  return tensor(values, t.shape, { dtype: t.dtype, requiresGrad: options.requiresGrad ?? false });
}

/**
 * Same shape and dtype, and every element within 1e-4 relative / 1e-6 absolute (the project's
 * float32 tolerance); NaN must meet NaN and an infinity the same infinity.
 */
export function assertMatches(actual: Tensor, expected: StoredTensor, what: string): void {
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  assert.equal(actual.dtype, expected.dtype, `${what}: dtype`);
  expected.values.map(decode).forEach((e, i) => {
    const a = actual.values[i];
    const ok = Number.isFinite(e) ? Math.abs(a - e) <= 1e-6 + 1e-4 * Math.abs(e) : Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e));
    if (!ok) assert.fail(`${what}: element ${i} is ${a}, PyTorch gives ${e}`);
  });
}
