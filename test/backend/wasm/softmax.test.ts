import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getThreads, setThreads, type TensorData } from "../../../src/backend/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertClose } from "../../helpers.js";
import { assertSameData, backendPair, onWorkers, randomData } from "./compare.js";

const KINDS = ["softmax", "logSoftmax"] as const;

/** The same non-finite values (NaN, ±∞) at the same places, and the finite ones within rtol/atol. */
function assertSameWithSpecials(actual: TensorData, expected: TensorData, what: string): void {
  const finite = (i: number) => Number.isFinite(expected.values[i]);
  const indices = Array.from(expected.values.keys());
  assert.deepEqual(
    indices.filter((i) => !finite(i)).map((i) => actual.values[i]),
    indices.filter((i) => !finite(i)).map((i) => expected.values[i]),
    `${what}: non-finite values`,
  );
  const pick = (x: TensorData) => indices.filter(finite).map((i) => x.values[i]);
  assertClose(pick(actual), pick(expected), { rtol: 1e-5, atol: 1e-6, message: what });
}

describe("wasm softmax and log-softmax against the reference", () => {
  const { wasm, reference } = backendPair();
  const initialThreads = getThreads();
  before(() => setThreads(1));
  after(() => setThreads(initialThreads));

  /** Both kernels along `axis` of random [shape] data, at scale 1 and 30 (where many exponentials underflow). */
  function checkBoth(shape: number[], axis: number): void {
    const gen = new Generator(shape[0] * 10 + axis);
    for (const scale of [1, 30]) {
      const x = randomData(gen, shape, scale);
      for (const kind of KINDS) {
        assertSameData(wasm[kind](x, axis), reference[kind](x, axis), { rtol: 1e-5, atol: 1e-6, what: `${kind}, scale ${scale}` });
      }
    }
  }

  // [shape, axis, what]: every input is large enough for the wasm path
  const cases: [number[], number, string][] = [
    [[64, 10], 1, "cross-entropy over 10 classes"],
    [[2048, 65], 1, "cross-entropy over 65 characters"],
    [[3, 701], 1, "long rows with a ragged end"],
    [[8, 16, 9, 9], 1, "channels of [N, C, H, W]: four lines per vector, ragged last tile"],
    [[8, 16, 9, 9], 0, "the first axis"],
    [[8, 16, 9, 9], 3, "the last axis, rows shorter than a vector"],
    [[1000, 7, 5], 1, "inner size 5"],
    [[300, 3], 0, "inner size 3: every line one value at a time"],
    [[4, 4, 64], 1, "inner size a multiple of 4"],
  ];
  for (const [shape, axis, what] of cases) {
    it(`${what}: [${shape}] along axis ${axis}`, () => checkBoth(shape, axis));
  }

  it("splits inputs of 2^17 elements or more over the worker threads", () =>
    onWorkers(() => {
      checkBoth([2048, 65], 1);
      checkBoth([16, 16, 25, 25], 1);
    }));

  it("treats −∞, +∞, NaN and all −∞ lines as the reference does", () => {
    const x = randomData(new Generator(9), [40, 33]);
    const row = (r: number) => x.values.subarray(r * 33, r * 33 + 33);
    row(0).fill(-Infinity);
    // and an all −∞ column, for the lines along axis 0
    for (let r = 0; r < 40; r++) row(r)[7] = -Infinity;
    row(1).fill(-Infinity, 0, 20);
    row(2)[5] = Infinity;
    row(3)[30] = NaN;
    // (not 1e30: the reference forms x − (max + log Σ) and loses log Σ next to such a max)
    row(4).fill(1e4, 2, 4);
    for (const [axis, kind] of [0, 1].flatMap((a) => KINDS.map((k) => [a, k] as const))) {
      assertSameWithSpecials(wasm[kind](x, axis), reference[kind](x, axis), `${kind} along axis ${axis}`);
    }
  });

  it("computes each exponential within a few ulp down to e^-87", () => {
    // softmax of the pair (0, t) is e^t / (1 + e^t): one exponential per line, along rows and by columns
    const ts = Array.from({ length: 240 }, (_, i) => -87 + (87 * i) / 239);
    const rows: TensorData = { shape: [240, 2], dtype: "float32", values: Float32Array.from(ts.flatMap((t) => [0, t])) };
    const columns: TensorData = { shape: [2, 240], dtype: "float32", values: Float32Array.from([...ts.map(() => 0), ...ts]) };
    assertSameData(wasm.softmax(rows, 1), reference.softmax(rows, 1), { rtol: 1e-6, atol: 0, what: "rows" });
    assertSameData(wasm.softmax(columns, 0), reference.softmax(columns, 0), { rtol: 1e-6, atol: 0, what: "columns" });
  });

  it("leaves float64 input to the reference kernel", () => {
    const x: TensorData = { shape: [30, 20], dtype: "float64", values: Float64Array.from({ length: 600 }, (_, i) => Math.sin(i)) };
    assert.deepEqual(wasm.softmax(x, 1), reference.softmax(x, 1));
    assert.deepEqual(wasm.logSoftmax(x, 0), reference.logSoftmax(x, 0));
  });
});
