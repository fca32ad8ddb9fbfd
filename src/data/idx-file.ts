/** IDX files on disk or at a URL, plain or gzipped, and their conversion to tensors. */
import { writeFile } from "#platform/files.js";
import { readBytes, type FileLocation } from "../io/read-bytes.js";
import { Tensor, type DType } from "../tensor/index.js";
import { encodeIdx } from "./idx-encode.js";
import { IdxError, type IdxArray } from "./idx-format.js";
import { parseIdx } from "./idx-parse.js";

/**
 * Reads and parses an IDX file from a path or a URL, gunzipping it if it is gzipped (as the files
 * of the MNIST distribution are); errors name the file.
 */
export async function readIdx(location: FileLocation): Promise<IdxArray> {
  const name = String(location);
  const bytes = await readBytes(location);
  if (bytes === null) throw new IdxError(name, "does not exist");
  return parseIdx(isGzip(bytes) ? await gunzip(bytes) : bytes, name);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** DecompressionStream: in every browser and in Node ≥ 18, so no zlib binding is needed. */
async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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
