/**
 * The fused optimiser steps on wasm against the reference (float64 arithmetic rounded on store):
 * SGD and Adam with every option, on odd lengths (tails of 1–3 elements), on one thread and on
 * the worker threads; and the in-place contract: parameters and state that start in JavaScript
 * arrays move into kernel memory, and the updates are seen through the tensors.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AdamStepParams, MutableTensorData, SgdStepParams } from "../../../src/backend/index.js";
import { wasmRuntime } from "../../../src/backend/wasm/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertSameData, backendPair, onOneThreadAndWorkers, randomData } from "./compare.js";

const { wasm, reference } = backendPair();
const heap = wasmRuntime!.heap;

/** Copies of the same random arrays, one set per backend (the steps write them in place). */
function twins(gen: Generator, n: number, count: number): [MutableTensorData[], MutableTensorData[]] {
  const arrays = Array.from({ length: count }, (_, k) => randomData(gen, [n], k === 0 ? 1 : 0.5));
  // second moments are non-negative
  if (count > 3) for (const t of arrays.slice(3)) t.values.forEach((v, i, a) => (a[i] = v * v));
  const copy = () => arrays.map((t) => ({ shape: [n], dtype: "float32" as const, values: Float32Array.from(t.values) }));
  return [copy(), copy()];
}

const sizes = [1, 3, 4, 7, 130, 300_001];

describe("wasm sgdStep against the reference", () => {
  const options: [string, Omit<SgdStepParams, "first">][] = [
    ["plain", { lr: 0.1, weightDecay: 0, maximize: false, momentum: 0, dampening: 0, nesterov: false }],
    ["momentum, dampening, weight decay", { lr: 0.05, weightDecay: 0.01, maximize: false, momentum: 0.9, dampening: 0.1, nesterov: false }],
    ["nesterov, maximize", { lr: 0.02, weightDecay: 0.001, maximize: true, momentum: 0.8, dampening: 0, nesterov: true }],
  ];
  for (const [name, h] of options) {
    it(`${name}: three steps at lengths ${sizes.join(", ")}, on 1 thread and on the workers`, async () => {
      const gen = new Generator(3);
      await onOneThreadAndWorkers((threads) => {
        for (const n of sizes) {
          // param, gradient, momentum buffer
          const [[p, g, b], [pRef, gRef, bRef]] = twins(gen, n, 3);
          for (let step = 0; step < 3; step++) {
            const hs = { ...h, first: step === 0 };
            wasm.sgdStep(p, g, h.momentum ? b : null, hs);
            reference.sgdStep(pRef, gRef, h.momentum ? bRef : null, hs);
          }
          assertSameData(p, pRef, { rtol: 1e-5, atol: 1e-6, what: `param, n=${n}, ${threads}` });
          if (h.momentum) assertSameData(b, bRef, { rtol: 1e-5, atol: 1e-6, what: `buffer, n=${n}, ${threads}` });
        }
      });
    });
  }
});

describe("wasm adamStep against the reference", () => {
  const base = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, maximize: false };
  const options: [string, Omit<AdamStepParams, "stepSize" | "biasCorrection2Sqrt">, boolean][] = [
    ["Adam", { ...base, weightDecay: 0, shrink: 1 }, false],
    ["Adam with L2 and amsgrad", { ...base, weightDecay: 0.01, shrink: 1 }, true],
    ["AdamW (decoupled decay), maximize", { ...base, weightDecay: 0, shrink: 1 - 0.01 * 0.1, maximize: true }, false],
  ];
  for (const [name, h, amsgrad] of options) {
    it(`${name}: three steps at lengths ${sizes.join(", ")}, on 1 thread and on the workers`, async () => {
      const gen = new Generator(5);
      await onOneThreadAndWorkers((threads) => {
        for (const n of sizes) {
          // param, gradient, first moment, second moment, largest second moment
          const [[p, g, m, v, vmax], [pRef, gRef, mRef, vRef, vmaxRef]] = twins(gen, n, 5);
          for (let t = 1; t <= 3; t++) {
            const hs = { ...h, stepSize: h.lr / (1 - h.beta1 ** t), biasCorrection2Sqrt: Math.sqrt(1 - h.beta2 ** t) };
            wasm.adamStep(p, g, m, v, amsgrad ? vmax : null, hs);
            reference.adamStep(pRef, gRef, mRef, vRef, amsgrad ? vmaxRef : null, hs);
          }
          const tol = { rtol: 1e-4, atol: 1e-6 };
          assertSameData(p, pRef, { ...tol, what: `param, n=${n}, ${threads}` });
          assertSameData(m, mRef, { ...tol, what: `expAvg, n=${n}, ${threads}` });
          assertSameData(v, vRef, { ...tol, what: `expAvgSq, n=${n}, ${threads}` });
          if (amsgrad) assertSameData(vmax, vmaxRef, { ...tol, what: `maxExpAvgSq, n=${n}, ${threads}` });
        }
      });
    });
  }
});

describe("fused steps update their tensors in place", () => {
  it("moves a parameter and its state from JavaScript arrays into kernel memory, and later steps write there", () => {
    const gen = new Generator(9);
    const [[p, g, b]] = twins(gen, 100, 3);
    const before = Float32Array.from(p.values);
    assert.equal(heap.isResident(p.values), false);
    const h = { lr: 0.5, weightDecay: 0, maximize: false, momentum: 0.5, dampening: 0, nesterov: false };
    wasm.sgdStep(p, g, b, { ...h, first: true });
    assert.ok(heap.isResident(p.values) && heap.isResident(b.values), "parameter and buffer now live in kernel memory");
    const view = p.values;
    wasm.sgdStep(p, g, b, { ...h, first: false });
    assert.equal(p.values, view, "the second step updates the same storage");
    // two steps: θ − lr·g − lr·(μ·g + g)
    for (const i of [0, 57, 99]) assert.ok(Math.abs(p.values[i] - (before[i] - 0.5 * g.values[i] * (1 + 1.5))) < 1e-5);
  });
});
