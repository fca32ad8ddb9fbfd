import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getThreads, setThreads, type TensorData } from "../../../src/backend/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertSameData, backendPair, onWorkers, randomData } from "./compare.js";

const TOLERANCE = { rtol: 1e-5, atol: 1e-5 };

describe("wasm batch norm against the reference", () => {
  const { wasm, reference } = backendPair();
  const initialThreads = getThreads();
  before(() => setThreads(1));
  after(() => setThreads(initialThreads));

  /** Forward and backward on both backends, every output compared (backward from the reference's statistics). */
  function compare(x: TensorData, weight: TensorData | null, bias: TensorData | null, eps: number, gen: Generator): void {
    const expected = reference.batchNormForward(x, weight, bias, eps);
    const actual = wasm.batchNormForward(x, weight, bias, eps);
    assertSameData(actual.out, expected.out, { ...TOLERANCE, what: "out" });
    assertSameData(actual.mean, expected.mean, { ...TOLERANCE, what: "mean" });
    assertSameData(actual.variance, expected.variance, { ...TOLERANCE, what: "variance" });
    const grad = randomData(gen, x.shape);
    const expectedGrads = reference.batchNormBackward(x, grad, expected.mean, expected.variance, weight, eps);
    const actualGrads = wasm.batchNormBackward(x, grad, expected.mean, expected.variance, weight, eps);
    assertSameData(actualGrads.gradInput, expectedGrads.gradInput, { ...TOLERANCE, what: "gradInput" });
    assertSameData(actualGrads.gradWeight, expectedGrads.gradWeight, { ...TOLERANCE, what: "gradWeight" });
    assertSameData(actualGrads.gradBias, expectedGrads.gradBias, { ...TOLERANCE, what: "gradBias" });
  }

  /** Random x of [shape] (scale 2), with random weight and bias where asked. */
  function checkRandom(shape: number[], hasWeight: boolean, hasBias: boolean, eps: number): void {
    const gen = new Generator(shape[1]);
    const x = randomData(gen, shape, 2);
    compare(x, hasWeight ? randomData(gen, [shape[1]]) : null, hasBias ? randomData(gen, [shape[1]]) : null, eps, gen);
  }

  // [shape, weight, bias, eps]: each channel's runs at least 4 long and the input large enough for the wasm path
  const cases: [number[], boolean, boolean, number][] = [
    [[8, 16, 14, 14], true, true, 1e-5],
    [[16, 5, 67], false, true, 1e-5],
    [[16, 5, 67], true, false, 1e-3],
    [[3, 7, 13, 17], false, false, 0.1],
  ];
  for (const [shape, hasWeight, hasBias, eps] of cases) {
    it(`[${shape}]${hasWeight ? " weight" : ""}${hasBias ? " bias" : ""}, eps ${eps}`, () => checkRandom(shape, hasWeight, hasBias, eps));
  }

  it("keeps its precision when the mean is large next to the spread", () => {
    const gen = new Generator(4);
    const x = randomData(gen, [8, 6, 10, 10]);
    x.values.forEach((v, i) => (x.values[i] = 1000 + 0.5 * v));
    compare(x, randomData(gen, [6]), randomData(gen, [6]), 1e-5, gen);
  });

  it("splits inputs of 2^17 elements or more over the worker threads, by channel", () =>
    onWorkers(() => {
      checkRandom([8, 64, 16, 16], true, true, 1e-5);
      checkRandom([4, 3, 100, 120], false, true, 1e-5);
    }));

  it("leaves float64 input and single-value runs ([N, C]) to the reference kernel", () => {
    const gen = new Generator(8);
    const flat = randomData(gen, [512, 16]);
    assert.deepEqual(wasm.batchNormForward(flat, null, null, 1e-5), reference.batchNormForward(flat, null, null, 1e-5));
    const x64: TensorData = { shape: [8, 4, 200], dtype: "float64", values: Float64Array.from({ length: 6400 }, (_, i) => Math.sin(i)) };
    assert.deepEqual(wasm.batchNormForward(x64, null, null, 1e-5), reference.batchNormForward(x64, null, null, 1e-5));
  });
});
