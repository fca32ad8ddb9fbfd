/**
 * The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
 * header length N, N bytes of JSON header (padded with spaces to a multiple of 8), then the raw
 * little-endian tensor data. The header maps each tensor's name to { dtype, shape, data_offsets }
 * (byte offsets relative to the start of the data) and may hold "__metadata__", string to string.
 */
import type { DType } from "../tensor/index.js";
import { STORED_DTYPES, type StoredDType } from "./stored-dtypes.js";

export const METADATA_KEY = "__metadata__";
/** The reference implementation refuses larger headers; so do we. */
export const MAX_HEADER_BYTES = 100_000_000;

/** The stored type a tensor of `dtype` is written as unless told otherwise: F64, F32 or I32. */
export function fileDTypeOf(dtype: DType): StoredDType {
  return STORED_DTYPES.find((d) => d.dtype === dtype)!;
}

/** The stored type with a safetensors name (F32, BF16, …), or undefined. */
export function fileDTypeNamed(name: unknown): StoredDType | undefined {
  return STORED_DTYPES.find((d) => d.name === name);
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
