/**
 * The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
 * header length N, N bytes of JSON header (padded with spaces to a multiple of 8), then the raw
 * little-endian tensor data. The header maps each tensor's name to { dtype, shape, data_offsets }
 * (byte offsets relative to the start of the data) and may hold "__metadata__", string to string.
 */
import type { DType } from "../tensor/index.js";

export const METADATA_KEY = "__metadata__";
/** The reference implementation refuses larger headers; so do we. */
export const MAX_HEADER_BYTES = 100_000_000;

interface FileDType {
  name: string;
  dtype: DType;
  bytes: number;
  /**
   * Where the reference implementation's Dtype enum puts this type: it writes tensors sorted by
   * dtype, highest first, then by name, and we write the same order so files match byte for byte.
   */
  rank: number;
}

export const FILE_DTYPES: readonly FileDType[] = [
  { name: "F64", dtype: "float64", bytes: 8, rank: 3 },
  { name: "F32", dtype: "float32", bytes: 4, rank: 2 },
  { name: "I32", dtype: "int32", bytes: 4, rank: 1 },
];

export function fileDTypeOf(dtype: DType): FileDType {
  const found = FILE_DTYPES.find((d) => d.dtype === dtype);
  if (!found) throw new TypeError(`safetensors: no file dtype for ${dtype}`);
  return found;
}

/** A tensor's entry in the header. */
export interface TensorInfo {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** A file (or byte array) that breaks the format; `file` names it. */
export class SafetensorsError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} is not a valid safetensors file: ${detail}`);
    this.name = "SafetensorsError";
  }
}

/**
 * Tensor data is copied as the host lays out typed arrays; safetensors is little-endian, as is
 * every platform Node.js and browsers run on. Refuse, rather than corrupt, anywhere else.
 */
export function assertLittleEndianHost(op: string): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error(`${op}: big-endian hosts are not supported`);
}
