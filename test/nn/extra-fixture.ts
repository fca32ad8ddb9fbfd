/** Reading the PyTorch fixtures written by test/fixtures/fixtures_nn_extra.py, and checking a result against one. */
import { readFileSync } from "node:fs";
import type { Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { decode, type EncodedTensor } from "./fixture.js";

/** One case: the op's inputs, its output, and the gradient of Σ output·gradOutput with respect to each input (null if none). */
export interface ExtraCase {
  name: string;
  options: Record<string, unknown>;
  inputs: EncodedTensor[];
  output: EncodedTensor;
  gradOutput?: EncodedTensor;
  grads: (EncodedTensor | null)[];
}

export function loadExtra(file: string): ExtraCase[] {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/nn-extra/${file}`, import.meta.url), "utf8")) as ExtraCase[];
}

/** A readable test title: the case's name and options, tensors elided. */
export function title(c: ExtraCase): string {
  return `${c.name}(${JSON.stringify(c.options, (k, v) => (k === "values" ? "…" : v))}) on ${JSON.stringify(c.inputs[0].shape)}`;
}

/**
 * Fresh inputs (the differentiable ones requiring gradients), run through fn; then the output and
 * every input gradient are compared with PyTorch's.
 */
export function checkAgainstTorch(c: ExtraCase, fn: (...inputs: Tensor[]) => Tensor, tolerance = {}): void {
  const inputs = c.inputs.map((t, i) => (c.grads[i] ? decode(t).requiresGrad_() : decode(t)));
  const out = fn(...inputs);
  assertClose(out, decode(c.output), { ...tolerance, message: `${c.name} output` });
  out.backward(c.gradOutput ? decode(c.gradOutput) : undefined);
  c.grads.forEach((g, i) => {
    if (g) assertClose(inputs[i].grad!, decode(g), { ...tolerance, message: `${c.name} gradient of input ${i}` });
  });
}
