/**
 * The wasm fused LSTM cell against the reference (which computes in float64 and rounds): every
 * output of the forward and backward kernels on odd shapes (hidden sizes not multiples of 4, one
 * row, no rows), on one thread and on the worker threads; the gate activations within a few ulp over a wide
 * range of pre-activations, with ±∞, NaN and saturating inputs.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TensorData } from "../../../src/backend/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertSameData, backendPair, onOneThreadAndWorkers, randomData } from "./compare.js";

const { wasm, reference } = backendPair();

function float32(values: ArrayLike<number>, shape: number[]): TensorData {
  return { shape, dtype: "float32", values: Float32Array.from(values) };
}

/** The distance between adjacent float32s at |x| (subnormal spacing below the smallest normal). */
function ulpOf(x: number): number {
  const magnitude = Math.abs(x);
  return magnitude < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}

describe("wasm lstmCell against the reference", () => {
  const gen = new Generator(11);
  // [batch, hidden]: hidden sizes around and off multiples of 4, a W5-sized state, and one large enough to split over threads
  const shapes: [number, number][] = [[1, 1], [3, 5], [2, 7], [4, 8], [5, 13], [32, 256], [70, 1001], [0, 6]];
  for (const [batch, hidden] of shapes) {
    it(`forward and backward at [${batch}, ${hidden}], on 1 thread and on the workers`, async () => {
      const gates = randomData(gen, [batch, 4 * hidden], 2);
      const c = randomData(gen, [batch, hidden]);
      const gradH = randomData(gen, [batch, hidden]);
      const gradC = randomData(gen, [batch, hidden]);
      const expected = reference.lstmCell(gates, c);
      const { activations, tanhC } = expected;
      const tol = { rtol: 1e-5, atol: 1e-6 };
      await onOneThreadAndWorkers((threads) => {
        const actual = wasm.lstmCell(gates, c);
        for (const key of ["h", "c", "activations", "tanhC"] as const) assertSameData(actual[key], expected[key], { ...tol, what: `${key}, ${threads}` });
        // both gradients, then each alone (the other output unused)
        for (const [dh, dc, which] of [[gradH, gradC, "dh and dc"], [gradH, null, "dh only"], [null, gradC, "dc only"]] as const) {
          const want = reference.lstmCellBackward(dh, dc, c, activations, tanhC);
          const got = wasm.lstmCellBackward(dh, dc, c, activations, tanhC);
          assertSameData(got.gates, want.gates, { ...tol, what: `dgates from ${which}, ${threads}` });
          assertSameData(got.c, want.c, { ...tol, what: `dc from ${which}, ${threads}` });
        }
      });
    });
  }

  it("activates the gates within 2 ulp (σ) and 1 ulp (tanh) of the rounded float64 values, from −120 to 120", () => {
    const hidden = 4001;
    const sweep = Array.from({ length: hidden }, (_, j) => -120 + (240 * j) / (hidden - 1));
    // every gate block gets the same sweep, scaled so tanh's fast-changing part is covered densely too
    const row = [...sweep, ...sweep.map((x) => x / 8), ...sweep.map((x) => x / 16), ...sweep];
    const gates = float32(row, [1, 4 * hidden]);
    const c = float32(new Float32Array(hidden), [1, hidden]);
    const actual = wasm.lstmCell(gates, c).activations.values;
    const expected = reference.lstmCell(gates, c).activations.values;
    let worst = [0, 0];
    for (let k = 0; k < 4 * hidden; k++) {
      const ulps = Math.abs(actual[k] - expected[k]) / ulpOf(expected[k]);
      const isTanh = Math.floor(k / hidden) === 2;
      worst = isTanh ? [worst[0], Math.max(worst[1], ulps)] : [Math.max(worst[0], ulps), worst[1]];
    }
    assert.ok(worst[0] <= 2, `σ is ${worst[0]} ulp off`);
    assert.ok(worst[1] <= 1, `tanh is ${worst[1]} ulp off`);
  });

  it("saturates on ±∞ and huge inputs, passes NaN through, and keeps −0", () => {
    const specials = [Infinity, -Infinity, 1e30, -1e30, 89, -89, -104, NaN, -0, 1e-30];
    const hidden = specials.length;
    const gates = float32([...specials, ...specials, ...specials, ...specials], [1, 4 * hidden]);
    const c = float32(specials.map(() => 0.5), [1, hidden]);
    const actual = wasm.lstmCell(gates, c);
    const expected = reference.lstmCell(gates, c);
    for (const key of ["activations", "c", "h"] as const) {
      actual[key].values.forEach((a, k) => {
        const e = expected[key].values[k];
        // tanh(−0) is −0; c′ and h′ round the reference's float64 sums of tiny products, so their zeros may differ in sign
        const signedZero = key === "activations" && Object.is(e, -0);
        const ok = Number.isNaN(e) ? Number.isNaN(a) : signedZero ? Object.is(a, -0) : Math.abs(a - e) <= 2 * ulpOf(e);
        assert.ok(ok, `${key}[${k}] (input ${specials[k % hidden]}): got ${a}, the reference has ${e}`);
      });
    }
  });

  it("leaves float64 to the reference kernels", () => {
    const gates = { shape: [1, 4], dtype: "float64" as const, values: new Float64Array([0.1, -0.2, 0.3, 0.4]) };
    const c = { shape: [1, 1], dtype: "float64" as const, values: new Float64Array([0.5]) };
    const out = wasm.lstmCell(gates, c);
    assert.equal(out.h.dtype, "float64");
    assertSameData(out.h, reference.lstmCell(gates, c).h, { what: "float64 h" });
    const grads = wasm.lstmCellBackward(out.h, null, c, out.activations, out.tanhC);
    assertSameData(grads.gates, reference.lstmCellBackward(out.h, null, c, out.activations, out.tanhC).gates, { what: "float64 dgates" });
  });
});
