/**
 * The wasm elementwise kernels (unary, clamp, binary with broadcasting, where) against the
 * reference, which computes in float64 and rounds to float32. Exact ops must match bit for bit
 * (−0 and NaN included); the vector exp/log/tanh/sigmoid family within a few ulp over the whole
 * float range, with its edges (±∞, NaN, −0, subnormals, overflow, saturation) checked one by one.
 * Inputs are large enough (≥ 1k elements) to take the wasm path rather than the small-size fallback.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { getThreads, setThreads, type BinaryOp, type TensorData, type UnaryOp } from "../../../src/backend/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { backendPair, onWorkers, randomData } from "./compare.js";

const { wasm, reference } = backendPair();

/** The distance between adjacent float32s at |x| (subnormal spacing below the smallest normal). */
function ulpOf(x: number): number {
  const magnitude = Math.abs(x);
  return magnitude < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}

/**
 * Same shape and dtype; NaN where the reference has NaN, the same infinities, and finite values
 * within `ulps` float32 ulps (0: identical, with the sign of zero).
 */
function assertUlps(actual: TensorData, expected: TensorData, ulps: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  assert.equal(actual.dtype, expected.dtype, `${what}: dtype`);
  assert.equal(actual.values.length, expected.values.length, `${what}: length`);
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i];
    const e = expected.values[i];
    const ok = ulps === 0 || !Number.isFinite(e) ? Object.is(a, e) : Math.abs(a - e) <= ulps * ulpOf(e);
    if (!ok) assert.fail(`${what}: element ${i} is ${a}, the reference has ${e} (allowed ${ulps} ulp)`);
  }
}

function float32(values: ArrayLike<number>, shape = [values.length]): TensorData {
  return { shape, dtype: "float32", values: Float32Array.from(values) };
}

/** `values` repeated to `n` elements (n not a multiple of 4, so the one-lane tail runs too). */
function tiled(values: readonly number[], n = 1027): TensorData {
  return float32(Array.from({ length: n }, (_, i) => values[i % values.length]));
}

/** Random float32 bit patterns: every exponent, sign, subnormals, ±∞ and NaNs. */
function anyFloats(gen: Generator, n: number): TensorData {
  const bits = new Int32Array(n);
  for (let i = 0; i < n; i++) bits[i] = (gen.int(0x10000) << 16) | gen.int(0x10000);
  return { shape: [n], dtype: "float32", values: new Float32Array(bits.buffer) };
}

const SUBNORMALS = [1e-40, -1e-40, 1.4e-45, -1.4e-45, 1.1754942e-38];
const SPECIALS = [0, -0, Infinity, -Infinity, NaN, ...SUBNORMALS, 1, -1, 0.5, -0.5, 2.5, -2.5, 3.5, 1e30, -1e30, 3.4e38, -3.4e38];

/** Ops computed exactly (one IEEE operation, or none); the rest with their allowed error. */
const EXACT_UNARY: UnaryOp[] = ["neg", "abs", "sign", "sqrt", "square", "reciprocal", "relu", "floor", "ceil", "round", "trunc", "step", "isnan"];
const APPROXIMATE_UNARY: [UnaryOp, number][] = [
  ["exp", 2], ["log", 2], ["tanh", 2], ["sigmoid", 3], ["rsqrt", 1], ["expm1", 3], ["log1p", 4], ["softplus", 4],
];

describe("wasm unary kernels against the reference", () => {
  const gen = new Generator(21);
  const initialThreads = getThreads();
  after(() => setThreads(initialThreads));

  for (const op of EXACT_UNARY) {
    it(`${op} is exact, special values included`, () => {
      const x = randomData(gen, [5, 409], 3);
      assertUlps(wasm.unary(op, x), reference.unary(op, x), 0, `${op} normal(0, 3)`);
      const specials = tiled(SPECIALS);
      assertUlps(wasm.unary(op, specials), reference.unary(op, specials), 0, `${op} specials`);
    });
  }

  for (const [op, ulps] of APPROXIMATE_UNARY) {
    it(`${op} stays within ${ulps} ulp over the whole float range`, () => {
      for (const [x, what] of [[anyFloats(gen, 20000), "any bit pattern"], [randomData(gen, [4099], 8), "normal(0, 8)"], [tiled(SPECIALS), "specials"]] as const) {
        assertUlps(wasm.unary(op, x), reference.unary(op, x), ulps, `${op} on ${what}`);
      }
    });
  }

  it("exp overflows to ∞ past 88.72, goes subnormal below −87.3 and reaches 0 past −103.98", () => {
    const x = tiled([88.72, 88.73, 100, -87.4, -100, -103.9, -104, -1e30, Infinity, -Infinity, NaN, -0]);
    const y = wasm.unary("exp", x).values;
    const largest = Math.exp(Math.fround(88.72));
    assert.ok(Number.isFinite(y[0]) && Math.abs(y[0] - largest) <= 2 * ulpOf(largest), `exp(88.72) = ${y[0]}, not ${largest}`);
    assert.deepEqual([y[1], y[2]], [Infinity, Infinity]);
    for (const [i, at] of [[3, -87.4], [4, -100], [5, -103.9]]) {
      assert.ok(y[i] < 2 ** -126 && y[i] > 0, `exp(${at}) = ${y[i]} should be subnormal`);
      const exact = Math.exp(Math.fround(at));
      assert.ok(Math.abs(y[i] - exact) <= ulpOf(exact), `exp(${at}) = ${y[i]}, not ${exact}`);
    }
    assert.deepEqual(Array.from(y.subarray(6, 12)), [0, 0, Infinity, 0, NaN, 1]);
  });

  it("log of 0, −0, negatives, ∞, NaN and subnormals", () => {
    const y = wasm.unary("log", tiled([0, -0, -1, -Infinity, Infinity, NaN, 1.4e-45, 1e-40, 1])).values;
    assert.deepEqual(Array.from(y.subarray(0, 6)), [-Infinity, -Infinity, NaN, NaN, Infinity, NaN]);
    assert.ok(Math.abs(y[6] - Math.log(2 ** -149)) <= ulpOf(y[6]), `log(2^-149) = ${y[6]}`);
    assert.ok(Math.abs(y[7] - Math.log(Math.fround(1e-40))) <= ulpOf(y[7]), `log(1e-40) = ${y[7]}`);
    assert.ok(Object.is(y[8], 0));
  });

  it("tanh saturates to ±1, keeps −0, and is odd", () => {
    const y = wasm.unary("tanh", tiled([10, -10, 20, -1e30, Infinity, -Infinity, -0, NaN, 0.3, -0.3])).values;
    assert.deepEqual(Array.from(y.subarray(0, 8)), [1, -1, 1, -1, 1, -1, -0, NaN]);
    assert.equal(y[9], -y[8]);
  });

  it("sigmoid of ±100, ±∞ and NaN; softplus of ±100", () => {
    const y = wasm.unary("sigmoid", tiled([100, -100, Infinity, -Infinity, NaN, -0])).values;
    assert.equal(y[0], 1);
    // e^−100 ≈ 3.72e-44 is a float32 subnormal: kept, not flushed to 0
    assert.ok(Math.abs(y[1] - Math.exp(-100)) <= 2 ** -149, `sigmoid(−100) = ${y[1]}`);
    assert.deepEqual(Array.from(y.subarray(2, 6)), [1, 0, NaN, 0.5]);
    const s = wasm.unary("softplus", tiled([100, -100, Infinity, -Infinity, NaN])).values;
    assert.equal(s[0], 100);
    assert.ok(Math.abs(s[1] - Math.exp(-100)) <= 2 ** -149, `softplus(−100) = ${s[1]}`);
    assert.deepEqual(Array.from(s.subarray(2, 5)), [Infinity, 0, NaN]);
  });

  it("log1p and expm1 keep tiny arguments (and −0) exactly", () => {
    const tiny = [1e-10, -1e-10, 1e-30, -0, 0];
    assert.deepEqual(Array.from(wasm.unary("log1p", tiled(tiny)).values.subarray(0, 5)), tiny.map(Math.fround));
    assert.deepEqual(Array.from(wasm.unary("expm1", tiled(tiny)).values.subarray(0, 5)), tiny.map(Math.fround));
    assert.deepEqual(Array.from(wasm.unary("log1p", tiled([-1, -2, Infinity])).values.subarray(0, 3)), [-Infinity, NaN, Infinity]);
  });

  it("isnan gives int32 1/0", () => {
    const y = wasm.unary("isnan", tiled([NaN, 0, Infinity, -NaN]));
    assert.equal(y.dtype, "int32");
    assert.deepEqual(Array.from(y.values.subarray(0, 4)), [1, 0, 0, 1]);
  });

  it("transcendental ops on large arrays, split into chunks, computed by the worker threads alone", async () => {
    // large enough to be split over the threads (from 128k elements), with a ragged last chunk
    const x = randomData(gen, [131075], 4);
    const positive = { ...x, values: x.values.map(Math.abs) };
    const ops = [["exp", x], ["tanh", x], ["sigmoid", x], ["log", positive]] as const;
    const expected = ops.map(([op, input]) => reference.unary(op, input));
    const check = (what: string) => ops.forEach(([op, input], k) => assertUlps(wasm.unary(op, input), expected[k], 2, `${op} on ${what}`));
    setThreads(1);
    check("1 thread");
    await onWorkers(() => check("the workers"));
  });

  it("leaves sin, cos, int32 and float64 to the reference kernel", () => {
    const x = randomData(gen, [2000]);
    for (const op of ["sin", "cos"] as const) assertUlps(wasm.unary(op, x), reference.unary(op, x), 0, op);
    const ints: TensorData = { shape: [2000], dtype: "int32", values: Int32Array.from(x.values, (v) => Math.round(v * 10)) };
    assertUlps(wasm.unary("abs", ints), reference.unary("abs", ints), 0, "int32 abs");
    const doubles: TensorData = { shape: [2000], dtype: "float64", values: Float64Array.from(x.values) };
    assertUlps(wasm.unary("exp", doubles), reference.unary("exp", doubles), 0, "float64 exp");
  });
});

describe("wasm clamp against the reference", () => {
  const gen = new Generator(22);
  const bounds: [number, number][] = [[-1, 1], [0, Infinity], [-Infinity, 0.1], [0.1, 0.3], [-0, 0], [2, 2], [-1e300, 1e300]];
  for (const [lo, hi] of bounds) {
    it(`to [${lo}, ${hi}], NaN passing through`, () => {
      const x = randomData(gen, [1031]);
      x.values.set([NaN, -0, 0, Infinity, -Infinity, Math.fround(0.1), Math.fround(0.3)]);
      assertUlps(wasm.clamp(x, lo, hi), reference.clamp(x, lo, hi), 0, `clamp to [${lo}, ${hi}]`);
    });
  }
});

describe("wasm cast against the reference", () => {
  const gen = new Generator(26);
  it("float32 → int32 truncates toward zero, and wraps or zeroes what int32 cannot hold, as JavaScript does", () => {
    const x = randomData(gen, [2051], 1e4);
    const edges = [0.9, -0.9, -1.5, 2 ** 31 - 128, -(2 ** 31), 2 ** 31, 3e9, -3e9, 2 ** 40 + 2 ** 20, 1e20, 3.4e38, NaN, Infinity, -Infinity, -0];
    x.values.set(edges, 1000);
    assertUlps(wasm.cast(x, "int32"), reference.cast(x, "int32"), 0, "float32 → int32");
    assert.deepEqual(Array.from(wasm.cast(x, "int32").values.subarray(1000, 1009)), [0, 0, -1, 2 ** 31 - 128, -(2 ** 31), -(2 ** 31), 3e9 - 2 ** 32, 2 ** 32 - 3e9, 2 ** 20]);
  });

  it("leaves the other conversions to the reference kernel", () => {
    const x = randomData(gen, [1500], 100);
    const ints: TensorData = { shape: [1500], dtype: "int32", values: Int32Array.from(x.values, Math.trunc) };
    assertUlps(wasm.cast(x, "float64"), reference.cast(x, "float64"), 0, "float32 → float64");
    assertUlps(wasm.cast(ints, "float32"), reference.cast(ints, "float32"), 0, "int32 → float32");
  });
});

/** normal(0, 1) values with NaN, ±∞, ±0 and ties sprinkled in, so every op meets its edges. */
function withSpecials(gen: Generator, shape: number[]): TensorData {
  const x = randomData(gen, shape);
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1, 1];
  for (let i = 0; i < x.values.length; i += 7) x.values[i] = specials[gen.int(specials.length)];
  return x;
}

const BINARY: BinaryOp[] = ["add", "sub", "mul", "div", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "reluMask"];
const COMPARISON = new Set<BinaryOp>(["eq", "ne", "lt", "le", "gt", "ge"]);

describe("wasm binary kernels against the reference, bit for bit", () => {
  const gen = new Generator(23);
  // [a's shape, b's shape, the broadcast shape, what]
  const patterns: [number[], number[], number[], string][] = [
    [[33, 31], [33, 31], [33, 31], "same shape"],
    [[1027], [1], [1027], "scalar on the right"],
    [[], [37, 29], [37, 29], "scalar (0-d) on the left"],
    [[64, 257], [257], [64, 257], "row broadcast [m, n] with [n]"],
    [[64, 257], [1, 257], [64, 257], "row broadcast [m, n] with [1, n]"],
    [[3, 700], [3, 1], [3, 700], "column broadcast [m, n] with [m, 1]"],
    [[5, 6, 9, 11], [1, 6, 1, 1], [5, 6, 9, 11], "per channel [N, C, H, W] with [1, C, 1, 1]"],
    [[6, 1, 1], [5, 6, 9, 11], [5, 6, 9, 11], "per channel [C, 1, 1] on the left"],
    [[41, 1], [1, 43], [41, 43], "outer [m, 1] with [1, n]"],
    [[3, 1, 5, 7], [4, 1, 7], [3, 4, 5, 7], "both sides broadcast over several dimensions"],
    [[300, 3], [3], [300, 3], "rows shorter than a vector"],
  ];
  for (const op of BINARY) {
    it(`${op} on every broadcast pattern`, () => {
      const outDtype = COMPARISON.has(op) ? "int32" : "float32";
      for (const [aShape, bShape, outShape, what] of patterns) {
        const a = withSpecials(gen, aShape);
        const b = withSpecials(gen, bShape);
        assertUlps(wasm.binary(op, a, b, outShape, outDtype), reference.binary(op, a, b, outShape, outDtype), 0, `${op}, ${what}`);
      }
    });
  }

  it("splits large outputs over the worker threads, chunks starting inside runs and odometers, bit for bit", async () => {
    // large enough to split (from 64k elements), with runs and chunk edges that do not line up
    const large: [number[], number[], number[]][] = [
      [[70001], [70001], [70001]],
      [[3, 7, 4001], [7, 1], [3, 7, 4001]],
      [[129, 1, 129], [1, 127, 1], [129, 127, 129]],
      [[5, 16, 31, 29], [1, 16, 1, 1], [5, 16, 31, 29]],
    ];
    await onWorkers(() => {
      for (const [aShape, bShape, outShape] of large) {
        const a = withSpecials(gen, aShape);
        const b = withSpecials(gen, bShape);
        for (const op of ["add", "reluMask", "lt"] as const) {
          const outDtype = op === "lt" ? "int32" : "float32";
          assertUlps(wasm.binary(op, a, b, outShape, outDtype), reference.binary(op, a, b, outShape, outDtype), 0, `${op} ${outShape.join("×")} on the workers`);
        }
        const cond = randomData(gen, outShape);
        assertUlps(wasm.where(cond, a, b, outShape, "float32"), reference.where(cond, a, b, outShape, "float32"), 0, `where ${outShape.join("×")} on the workers`);
      }
    });
  });

  it("maximum and minimum follow the reference on signed zeros and NaN", () => {
    const a = tiled([0, -0, NaN, 1, NaN, -0]);
    const b = tiled([-0, 0, 1, NaN, NaN, -0]);
    for (const op of ["maximum", "minimum"] as const) {
      const got = wasm.binary(op, a, b, [1027], "float32").values.subarray(0, 6);
      assert.deepEqual(Array.from(got), Array.from(reference.binary(op, a, b, [1027], "float32").values.subarray(0, 6)), op);
    }
  });

  it("leaves pow, int32 and mixed dtypes to the reference kernel", () => {
    const a = randomData(gen, [40, 30]);
    const b = randomData(gen, [30]);
    assertUlps(wasm.binary("pow", a, b, [40, 30], "float32"), reference.binary("pow", a, b, [40, 30], "float32"), 0, "pow");
    const ints: TensorData = { shape: [40, 30], dtype: "int32", values: Int32Array.from(a.values, (v) => Math.round(v * 9)) };
    assertUlps(wasm.binary("add", ints, ints, [40, 30], "int32"), reference.binary("add", ints, ints, [40, 30], "int32"), 0, "int32 add");
    assertUlps(wasm.binary("mul", ints, a, [40, 30], "float32"), reference.binary("mul", ints, a, [40, 30], "float32"), 0, "int32 · float32");
  });
});

describe("wasm where against the reference", () => {
  const gen = new Generator(24);
  const intCond = (shape: number[]): TensorData => {
    const size = shape.reduce((p, q) => p * q, 1);
    return { shape, dtype: "int32", values: Int32Array.from({ length: size }, () => gen.int(3) - 1) };
  };
  // [cond, a, b, broadcast shape, what]
  const cases: [TensorData, TensorData, TensorData, number[], string][] = [
    [intCond([37, 29]), randomData(gen, [37, 29]), randomData(gen, [37, 29]), [37, 29], "int32 condition, same shapes"],
    [intCond([1031]), randomData(gen, [1031]), float32([0], []), [1031], "scalar on the false side (a masked fill)"],
    [intCond([1031]), float32([0], [1]), randomData(gen, [1031]), [1031], "scalar on the true side"],
    [intCond([257]), randomData(gen, [9, 257]), randomData(gen, [9, 1]), [9, 257], "a row of conditions, a column of b"],
    [withSpecials(gen, [30, 41]), randomData(gen, [30, 41]), randomData(gen, [41]), [30, 41], "float32 condition: NaN is true, ±0 false"],
  ];
  for (const [cond, a, b, outShape, what] of cases) {
    it(what, () => assertUlps(wasm.where(cond, a, b, outShape, "float32"), reference.where(cond, a, b, outShape, "float32"), 0, what));
  }

  it("moves int32 values too", () => {
    const cond = intCond([2000]);
    const a: TensorData = { shape: [2000], dtype: "int32", values: Int32Array.from({ length: 2000 }, (_, i) => i - 1000) };
    const b: TensorData = { shape: [1], dtype: "int32", values: Int32Array.of(-7) };
    assertUlps(wasm.where(cond, a, b, [2000], "int32"), reference.where(cond, a, b, [2000], "int32"), 0, "int32 where");
  });
});
