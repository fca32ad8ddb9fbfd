/** Reading the PyTorch fixtures written by test/fixtures/fixtures_nn.py. */
import { readFileSync } from "node:fs";
import { tensor, Tensor } from "../../src/index.js";

/** A tensor as the fixture script encodes it. */
export interface EncodedTensor {
  shape: number[];
  values: number[];
  dtype: "float32" | "int32";
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/nn/${name}`, import.meta.url), "utf8")) as T;
}

export function decode(t: EncodedTensor): Tensor {
  return tensor(t.dtype === "int32" ? Int32Array.from(t.values) : Float32Array.from(t.values), t.shape);
}

/** Options as written by the script, with encoded tensors (weights) turned back into Tensors. */
export function decodeOptions(options: Record<string, unknown>): Record<string, unknown> {
  const isEncoded = (v: unknown): v is EncodedTensor => typeof v === "object" && v !== null && "shape" in v && "values" in v;
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, isEncoded(v) ? decode(v) : v]));
}
