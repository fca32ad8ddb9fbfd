/** IDX files on disk, and their conversion to tensors. */
import { readFile, writeFile } from "node:fs/promises";
import { Tensor, type DType } from "../tensor/index.js";
import { encodeIdx } from "./idx-encode.js";
import type { IdxArray } from "./idx-format.js";
import { parseIdx } from "./idx-parse.js";

/** Reads and parses an IDX file; errors name the path. */
export async function readIdx(path: string): Promise<IdxArray> {
  return parseIdx(await readFile(path), path);
}

/** Writes an array as an IDX file (type from `data`'s class). */
export async function writeIdx(path: string, array: Pick<IdxArray, "shape" | "data">): Promise<void> {
  await writeFile(path, encodeIdx(array));
}

/**
 * The IDX array as a tensor of `dtype` — by default int32 for the integer types and the same
 * float type for float32/float64. Shares storage when no conversion is needed.
 */
export function idxToTensor(idx: IdxArray, dtype: DType = defaultDType(idx)): Tensor {
  const { data, shape } = idx;
  switch (dtype) {
    case "float32": return new Tensor(data instanceof Float32Array ? data : new Float32Array(data), shape);
    case "float64": return new Tensor(data instanceof Float64Array ? data : new Float64Array(data), shape);
    case "int32": return new Tensor(data instanceof Int32Array ? data : new Int32Array(data), shape);
  }
}

function defaultDType(idx: IdxArray): DType {
  return idx.dtype === "float32" || idx.dtype === "float64" ? idx.dtype : "int32";
}
