/**
 * The IDX format (LeCun's MNIST files): a 4-byte magic number — two zero bytes, a type code and
 * the number of dimensions — then one big-endian uint32 per dimension, then the elements,
 * big-endian, row-major. This file holds the type table and the error; parsing and encoding
 * live beside it.
 */

/** Element types an IDX file can hold. */
export type IdxDType = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** The contents of an IDX file: its element type, its dimensions and its elements (row-major). */
export interface IdxArray {
  dtype: IdxDType;
  shape: number[];
  data: IdxData;
}

interface IdxType {
  code: number;
  dtype: IdxDType;
  bytes: number;
  array: new (length: number) => IdxData;
  /** Reads one big-endian element. */
  read(view: DataView, offset: number): number;
  /** Writes one big-endian element. */
  write(view: DataView, offset: number, value: number): void;
}

export const IDX_TYPES: readonly IdxType[] = [
  { code: 0x08, dtype: "uint8", bytes: 1, array: Uint8Array, read: (v, o) => v.getUint8(o), write: (v, o, x) => v.setUint8(o, x) },
  { code: 0x09, dtype: "int8", bytes: 1, array: Int8Array, read: (v, o) => v.getInt8(o), write: (v, o, x) => v.setInt8(o, x) },
  { code: 0x0b, dtype: "int16", bytes: 2, array: Int16Array, read: (v, o) => v.getInt16(o), write: (v, o, x) => v.setInt16(o, x) },
  { code: 0x0c, dtype: "int32", bytes: 4, array: Int32Array, read: (v, o) => v.getInt32(o), write: (v, o, x) => v.setInt32(o, x) },
  { code: 0x0d, dtype: "float32", bytes: 4, array: Float32Array, read: (v, o) => v.getFloat32(o), write: (v, o, x) => v.setFloat32(o, x) },
  { code: 0x0e, dtype: "float64", bytes: 8, array: Float64Array, read: (v, o) => v.getFloat64(o), write: (v, o, x) => v.setFloat64(o, x) },
];

/** The type whose arrays are instances of `data`'s class. */
export function idxTypeOfData(data: IdxData): IdxType {
  const type = IDX_TYPES.find((t) => data instanceof t.array);
  if (!type) throw new TypeError(`IDX: cannot store a ${data?.constructor?.name}; expected one of ${IDX_TYPES.map((t) => t.array.name).join(", ")}`);
  return type;
}

export function hex(n: number, digits: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(digits, "0")}`;
}

/** A malformed IDX file; `file` names it. */
export class IdxError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`IDX file ${file}: ${detail}`);
    this.name = "IdxError";
  }
}
