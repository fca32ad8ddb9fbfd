import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getBackend, getThreads, setBackend, setThreads, type KernelMap, type TensorData } from "../../../src/backend/index.js";
import { adaptiveAvgPool, adaptiveMaxPool, avgPool, grad, maxPool, maxUnpool, Tensor, type MaxPoolOptions } from "../../../src/index.js";
import { Generator, sizeOf } from "../../../src/tensor/index.js";
import { backendPair, onWorkers, randomData } from "./compare.js";

type PoolAxis = Parameters<KernelMap["poolMax"]>[1][number];

/** fn's result on the reference backend, and on the wasm one on 1 thread and on the worker threads alone. */
async function onBothBackends<T>(fn: () => T): Promise<{ reference: T; wasm: T[] }> {
  const initial = getBackend();
  const threads = getThreads();
  try {
    setBackend("reference");
    const reference = fn();
    setBackend("wasm");
    setThreads(1);
    const single = fn();
    setThreads(threads);
    return { reference, wasm: [single, await onWorkers(fn)] };
  } finally {
    setBackend(initial);
    setThreads(threads);
  }
}

/**
 * Pooling kernels keep the reference's order of operations (sums in float64 rounded once, scatters
 * in window order), so results must be identical, NaN for NaN.
 */
function assertIdentical(actual: TensorData, expected: TensorData, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  assert.equal(actual.dtype, expected.dtype, `${what}: dtype`);
  const a = actual.values;
  const e = expected.values;
  for (let i = 0; i < e.length; i++) {
    if (!Object.is(a[i], e[i]) && !(Number.isNaN(a[i]) && Number.isNaN(e[i]))) {
      assert.fail(`${what}: element ${i} is ${a[i]}, the reference's ${e[i]}`);
    }
  }
}

/** Values with many ties (small integers), some NaN and some −∞, to test which position wins. */
function tiedData(gen: Generator, shape: readonly number[]): TensorData {
  const data = randomData(gen, shape);
  const v = data.values;
  for (let i = 0; i < v.length; i++) {
    const u = gen.uniform();
    v[i] = u < 0.02 ? NaN : u < 0.04 ? -Infinity : Math.round(v[i] * 1.5);
  }
  return data;
}

const leaf = (data: TensorData) => Tensor.fromData(data).requiresGrad_();

describe("wasm pooling against the reference, through maxPool / avgPool and their gradients", () => {
  const gen = new Generator(11);
  // [input shape, kernel, options]: LeNet's and the CIFAR net's pools, odd sizes, padding, ceil
  // mode, dilation, strides with no SIMD path (3), 1-D, small, and big enough to split over threads.
  const cases: [number[], number[], MaxPoolOptions][] = [
    [[4, 6, 28, 28], [2, 2], {}],
    [[3, 16, 10, 10], [2, 2], {}],
    [[3, 5, 11, 13], [2, 2], {}],
    [[2, 3, 7, 9], [2, 2], { stride: 1 }],
    [[2, 8, 17, 17], [3, 3], { stride: 2, ceilMode: true }],
    [[8, 16, 48, 48], [3, 3], { stride: 2, ceilMode: true }],
    [[2, 3, 20, 21], [3, 3], { stride: 1, padding: 1 }],
    [[2, 4, 19, 23], [2, 3], { stride: [1, 2], padding: [1, 1], dilation: [2, 1] }],
    [[2, 4, 20, 26], [3, 3], { stride: 3, padding: 1, ceilMode: true }],
    [[2, 4, 12, 30], [3, 2], { stride: [2, 2], dilation: [1, 3] }],
    [[16, 8, 50], [3], { stride: 2, padding: 1 }],
    [[64, 40, 1, 1], [1, 1], {}],
  ];
  for (const [shape, kernel, options] of cases) {
    const label = `${kernel.join("×")} ${JSON.stringify(options)} on [${shape}]`;

    it(`max pool ${label}: values, switches (NaN and ties) and gradient`, async () => {
      const x = tiedData(gen, shape);
      const results = await onBothBackends(() => {
        const input = leaf(x);
        const { output, indices } = maxPool(input, kernel, { ...options, returnIndices: true });
        const [dx] = grad(output, [input], { gradOutput: Tensor.fromData(randomData(new Generator(1), output.shape)) });
        return { output, indices, dx };
      });
      for (const wasm of results.wasm) {
        assertIdentical(wasm.output, results.reference.output, "output");
        assertIdentical(wasm.indices, results.reference.indices, "indices");
        assertIdentical(wasm.dx, results.reference.dx, "input gradient");
      }
    });

    if (options.dilation !== undefined) continue;
    it(`avg pool ${label}: values and gradient`, async () => {
      const x = randomData(gen, shape);
      const results = await onBothBackends(() => {
        const input = leaf(x);
        const output = avgPool(input, kernel, options);
        const [dx] = grad(output, [input], { gradOutput: Tensor.fromData(randomData(new Generator(2), output.shape)) });
        return { output, dx };
      });
      for (const wasm of results.wasm) {
        assertIdentical(wasm.output, results.reference.output, "output");
        assertIdentical(wasm.dx, results.reference.dx, "input gradient");
      }
    });
  }

  it("adaptive max and average pools (uneven, overlapping windows)", async () => {
    const x = tiedData(gen, [4, 8, 13, 17]);
    const results = await onBothBackends(() => [adaptiveMaxPool(leaf(x), [5, 7]), adaptiveAvgPool(leaf(x), [6, 4]), adaptiveAvgPool(leaf(x), [13, 8])]);
    for (const wasm of results.wasm) results.reference.forEach((expected, i) => assertIdentical(wasm[i], expected, `pool ${i}`));
  });

  it("gradients of gradients: max pool backward's adjoint (unpoolGrad) and avg pool's", async () => {
    const x = randomData(gen, [4, 6, 12, 12]);
    const results = await onBothBackends(() => {
      const input = leaf(x);
      const out = [maxPool(input, [2, 2]), avgPool(input, [3, 3], { stride: 2, ceilMode: true })];
      return out.map((output) => {
        const g = leaf(randomData(new Generator(3), output.shape));
        const [dx] = grad(output, [input], { gradOutput: g, createGraph: true });
        return grad(dx, [g], { gradOutput: Tensor.fromData(randomData(new Generator(4), x.shape)) })[0];
      });
    });
    for (const wasm of results.wasm) results.reference.forEach((expected, i) => assertIdentical(wasm[i], expected, `pool ${i}`));
  });

  it("max unpooling and its gradient", async () => {
    const x = randomData(gen, [4, 6, 16, 16]);
    const results = await onBothBackends(() => {
      const { output, indices } = maxPool(Tensor.fromData(x), [2, 2], { returnIndices: true });
      const pooled = leaf(output.detach());
      const restored = maxUnpool(pooled, indices, [2, 2]);
      const [dPooled] = grad(restored, [pooled], { gradOutput: Tensor.fromData(randomData(new Generator(5), restored.shape)) });
      return { restored, dPooled };
    });
    for (const wasm of results.wasm) {
      assertIdentical(wasm.restored, results.reference.restored, "unpooled");
      assertIdentical(wasm.dPooled, results.reference.dPooled, "gradient");
    }
  });
});

describe("wasm pooling kernels on hand-made plans", () => {
  const { wasm, reference } = backendPair();
  const gen = new Generator(12);
  const axis = (inSize: number, first: number[], count: number[], step = 1): PoolAxis => ({ inSize, first: Int32Array.from(first), count: Int32Array.from(count), step });
  // columns: empty windows, clipped ones, then a regular stride-2 run (SIMD) broken by an odd one
  const cols = axis(24, [0, 0, 1, 3, 5, 7, 9, 11, 14, 15, 17, 19, 23], [0, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1]);
  const rows = axis(9, [0, 2, 3, 8, 0], [2, 0, 3, 1, 9], 1);
  const plans: [string, PoolAxis[]][] = [
    ["2-D", [rows, cols]],
    ["1-D", [cols]],
    ["2-D, row step 2, column step 3", [axis(9, [0, 1, 4], [5, 4, 3], 2), axis(24, [0, 2, 4, 6, 8, 10, 11], [5, 5, 5, 5, 5, 5, 5], 3)]],
  ];
  for (const [name, plan] of plans) {
    it(`${name}: max (empty windows: −∞ at −1; all −∞: the first position), sum and the sum's adjoint`, () => {
      const lead = [3, 40];
      const x = tiedData(gen, [...lead, ...plan.map((a) => a.inSize)]);
      // two planes of −∞ only: each window's first position wins
      x.values.fill(-Infinity, 0, 2 * sizeOf(plan.map((a) => a.inSize)));
      const expected = reference.poolMax(x, plan);
      const actual = wasm.poolMax(x, plan);
      assertIdentical(actual.values, expected.values, "max");
      assertIdentical(actual.indices, expected.indices, "switches");
      const finite = randomData(gen, x.shape);
      assertIdentical(wasm.poolSum(finite, plan), reference.poolSum(finite, plan), "sum");
      const g = randomData(gen, expected.values.shape);
      assertIdentical(wasm.poolSumGrad(g, plan), reference.poolSumGrad(g, plan), "sum adjoint");
    });
  }

  it("3-D plans and float64 inputs are left to the reference kernels", () => {
    const plan = [axis(4, [0, 2], [2, 2]), axis(4, [0, 2], [2, 2]), axis(4, [0, 2], [2, 2])];
    const x = randomData(gen, [40, 4, 4, 4]);
    assertIdentical(wasm.poolMax(x, plan).values, reference.poolMax(x, plan).values, "3-D max");
    const x64: TensorData = { shape: [40, 8, 8], dtype: "float64", values: Float64Array.from(randomData(gen, [40, 8, 8]).values) };
    assertIdentical(wasm.poolSum(x64, plan.slice(1)), reference.poolSum(x64, plan.slice(1)), "float64 sum");
  });

  it("unpool adds (or assigns, the last write winning) at repeated indices and skips negative ones; unpoolGrad reads them", () => {
    const planeShape = [7, 9];
    const x = randomData(gen, [5, 30, 6, 5]);
    const idx = new Int32Array(x.values.length);
    for (let i = 0; i < idx.length; i++) idx[i] = gen.uniform() < 0.1 ? -1 : gen.int(63);
    const indices: TensorData = { shape: x.shape, dtype: "int32", values: idx };
    for (const accumulate of [true, false]) {
      assertIdentical(wasm.unpool(x, indices, planeShape, accumulate), reference.unpool(x, indices, planeShape, accumulate), `unpool accumulate=${accumulate}`);
    }
    const g = randomData(gen, [5, 30, ...planeShape]);
    assertIdentical(wasm.unpoolGrad(g, indices, 2), reference.unpoolGrad(g, indices, 2), "unpoolGrad");
  });
});
