import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getThreads, setThreads, type ReduceOp, type TensorData } from "../../../src/backend/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertSameData, backendPair, onWorkers, randomData } from "./compare.js";

const OPS: ReduceOp[] = ["sum", "max", "min", "prod"];

/** Random data for `op`: normal values, or for prod values near 1 so that long products stay in range. */
function dataFor(op: ReduceOp, gen: Generator, shape: number[]): TensorData {
  const x = randomData(gen, shape, op === "prod" ? 0.05 : 1);
  if (op === "prod") x.values.forEach((v, i) => (x.values[i] = 1 + v));
  return x;
}

/**
 * Integers, or for prod ±½, ±1, ±2 (so every result is exact in any order), with NaN, +∞ and −∞
 * put at every `nanEvery`-th, `infEvery`-th… position.
 */
function specialData(op: ReduceOp, gen: Generator, shape: number[], nanEvery: number, infEvery: number): TensorData {
  const x = randomData(gen, shape);
  const powers = [-2, -1, -0.5, 0.5, 1, 2];
  x.values.forEach((v, i) => {
    // + 0 turns the −0 that Math.round gives into +0: max and min may pick either sign of a zero tie
    x.values[i] = op === "prod" ? powers[gen.int(powers.length)] : Math.round(10 * v) + 0;
    if (i % nanEvery === 3) x.values[i] = NaN;
    else if (i % infEvery === 5) x.values[i] = i % 2 ? Infinity : -Infinity;
  });
  return x;
}

/** Same shape, dtype and values (NaN equal to NaN whatever its bits; +0 and −0 told apart). */
function assertIdentical(actual: TensorData, expected: TensorData, what: string): void {
  assert.deepEqual([actual.shape, actual.dtype], [expected.shape, expected.dtype], `${what}: shape and dtype`);
  assert.deepEqual(Array.from(actual.values), Array.from(expected.values), what);
}

describe("wasm reduce against the reference", () => {
  const { wasm, reference } = backendPair();
  const initialThreads = getThreads();
  before(() => setThreads(1));
  after(() => setThreads(initialThreads));

  /** Every op over `axes` of random [shape] data: max and min exactly, sums and products (rounded once from f64) closely. */
  function checkOps(shape: number[], axes: number[]): void {
    const gen = new Generator(shape.length * 1000 + shape[0]);
    for (const op of OPS) {
      const x = dataFor(op, gen, shape);
      const expected = reference.reduce(op, x, axes);
      const actual = wasm.reduce(op, x, axes);
      if (op === "max" || op === "min") assertIdentical(actual, expected, op);
      else assertSameData(actual, expected, { rtol: 1e-6, atol: 1e-7, what: op });
    }
  }

  /** Every op over `axes` of data with NaN and ±∞ (and exact finite results): identical. */
  function checkSpecials(shape: number[], axes: number[]): void {
    const gen = new Generator(17);
    for (const op of OPS) {
      const x = specialData(op, gen, shape, 1009, 613);
      assertIdentical(wasm.reduce(op, x, axes), reference.reduce(op, x, axes), `${op} over (${axes}) of [${shape}]`);
    }
  }

  // [shape, axes, what the layout exercises]: every input is large enough for the wasm path
  const cases: [number[], number[], string][] = [
    [[64, 256], [0], "columns: Σ over the batch (Linear bias gradient)"],
    [[64, 6, 28, 28], [0, 2, 3], "runs: over (0, 2, 3) (conv bias gradient)"],
    [[2048, 65], [1], "runs: rows"],
    [[3, 2000], [0, 1], "runs: everything over two axes"],
    [[10, 1003], [1], "runs: long rows with a ragged end"],
    [[5, 37, 41], [1], "columns: middle axis, ragged last tile"],
    [[6, 7, 8, 9], [1, 2], "columns: two middle axes"],
    [[4, 1029], [0], "columns: a single ragged column"],
    [[2000, 3], [0], "columns: fewer than four"],
    [[1, 33, 1, 65], [0, 2, 3], "size-1 axes reduced among others"],
    [[33, 1, 65], [1], "only a size-1 axis reduced (left to the reference)"],
    [[4000, 3], [1], "rows of 3 (left to the reference)"],
    [[1000, 4], [1], "rows of 4"],
    [[7, 3, 50, 9], [0, 2], "reduced, kept, reduced, kept (left to the reference)"],
  ];
  for (const [shape, axes, what] of cases) {
    it(`${what}: [${shape}] over (${axes})`, () => checkOps(shape, axes));
  }

  it("propagates NaN and infinities as the reference does", () => {
    checkSpecials([64, 256], [0]);
    checkSpecials([64, 256], [1]);
    checkSpecials([16, 6, 8, 8], [0, 2, 3]);
  });

  it("keeps products accurate where float32 partial products would overflow", () => {
    const x = randomData(new Generator(3), [4, 512]);
    x.values.forEach((_, i) => (x.values[i] = i % 2 ? 1e30 : 1e-30));
    assertSameData(wasm.reduce("prod", x, [1]), reference.reduce("prod", x, [1]), { rtol: 1e-6, what: "prod" });
  });

  it("splits inputs of 2^20 elements or more over the worker threads", () =>
    onWorkers(() => {
      // everything: one slice cut into pieces, combined by reduceFinish
      checkOps([(1 << 20) + 3], [0]);
      checkSpecials([(1 << 20) + 1], [0]);
      checkOps([64, 16, 32, 32], [0, 2, 3]);
      checkOps([2048, 513], [0]);
    }));

  it("leaves float64, int32 and empty inputs to the reference kernel", () => {
    const x64: TensorData = { shape: [40, 50], dtype: "float64", values: Float64Array.from({ length: 2000 }, (_, i) => Math.sin(i)) };
    assert.deepEqual(wasm.reduce("sum", x64, [0]), reference.reduce("sum", x64, [0]));
    const x32: TensorData = { shape: [40, 50], dtype: "int32", values: Int32Array.from({ length: 2000 }, (_, i) => i % 7) };
    assert.deepEqual(wasm.reduce("max", x32, [1]), reference.reduce("max", x32, [1]));
    const empty: TensorData = { shape: [0, 3000], dtype: "float32", values: new Float32Array(0) };
    assert.deepEqual(wasm.reduce("sum", empty, [0]), reference.reduce("sum", empty, [0]));
  });
});

describe("wasm argmax and argmin against the reference", () => {
  const { wasm, reference } = backendPair();
  const initialThreads = getThreads();
  before(() => setThreads(1));
  after(() => setThreads(initialThreads));

  /** argmax and argmin along `axis` of tied small integers, then with NaN in some lines (two in some): identical. */
  function checkArg(shape: number[], axis: number): void {
    const gen = new Generator(shape[0] + axis);
    const x = randomData(gen, shape);
    x.values.forEach((v, i) => (x.values[i] = Math.round(2 * v) + 0));
    for (const op of ["argmax", "argmin"] as const) assertIdentical(wasm.argReduce(op, x, axis), reference.argReduce(op, x, axis), op);
    for (let i = 0; i < x.values.length; i += 97) x.values[i] = NaN;
    for (let i = 50; i < x.values.length; i += 89) x.values[i] = NaN;
    for (const op of ["argmax", "argmin"] as const) assertIdentical(wasm.argReduce(op, x, axis), reference.argReduce(op, x, axis), `${op} with NaN`);
  }

  // [shape, axis]: rows of 8 or more go by vectors, shorter ones one at a time, inner > 1 by columns
  const cases: [number[], number][] = [
    [[64, 100], 1],
    [[2, 4099], 1],
    [[5000, 3], 1],
    [[100, 50], 0],
    [[20, 30, 41], 1],
    [[41, 30, 20], 2],
    [[16, 6, 28, 28], 1],
  ];
  for (const [shape, axis] of cases) {
    it(`[${shape}] along axis ${axis}: first of ties, first NaN`, () => checkArg(shape, axis));
  }

  it("splits inputs of 2^20 elements or more over the worker threads", () =>
    onWorkers(() => {
      checkArg([1024, 1025], 1);
      checkArg([1025, 1024], 0);
    }));

  it("leaves float64 input to the reference kernel", () => {
    const x: TensorData = { shape: [100, 50], dtype: "float64", values: Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i)) };
    assert.deepEqual(wasm.argReduce("argmax", x, 1), reference.argReduce("argmax", x, 1));
  });
});
