/** Reading test/fixtures/fixtures_onnx_import.py's ONNX files and PyTorch's facts about them. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { nn, tensor, type Tensor } from "../../../src/index.js";

export const importFixtures = new URL("../../../../test/fixtures/onnx-import/", import.meta.url);

interface Values {
  shape: number[];
  values: number[];
}

/** What PyTorch computed for one net (see the fixture script's docstring). */
export interface ImportFacts {
  inputs: { input: Values; output: Values }[];
  targets: Values;
  loss: number;
  grads: Record<string, Values>;
  lr: number;
  afterStep: { output: Values; runningStats: Record<string, Values> };
}

/** A fixture's ONNX file as a path (loadOnnx fetches URLs, and fetch does not read file: URLs). */
export const onnxPath = (name: string) => fileURLToPath(new URL(`${name}.onnx`, importFixtures));

export function importFacts(name: string): ImportFacts {
  return JSON.parse(readFileSync(new URL(`${name}.json`, importFixtures), "utf8")) as ImportFacts;
}

/** A fixture's values as a tensor: int32 for token ids, float32 otherwise. */
export function asTensor({ shape, values }: Values, ids = false): Tensor {
  return ids ? tensor(Int32Array.from(values), shape) : tensor(Float32Array.from(values), shape);
}

/** The fixture's loss: cross-entropy of the outputs (flattened to [rows, classes]) against the targets. */
export function fixtureLoss(output: Tensor, targets: Tensor): Tensor {
  const classes = output.shape[output.ndim - 1];
  return nn.functional.crossEntropy(output.reshape([output.size / classes, classes]), targets.reshape([targets.size]));
}
