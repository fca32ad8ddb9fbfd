/**
 * Element types as files store them (safetensors' dtype names, PyTorch's storage classes), and how
 * each becomes a Strata dtype: float16 and bfloat16 widen to float32; int64, bool and the small
 * integers become int32 (an int64 value outside int32's range is refused by the caller, naming
 * the tensor). Everything is little-endian, as both formats are on every host Strata runs on.
 */
import { allocate, dtypeOf, type DType, type TypedArray } from "../tensor/index.js";

export interface StoredDType {
  /** The safetensors name (F32, BF16, I64, …). */
  name: string;
  /** PyTorch's storage class for it (FloatStorage, …). */
  torch: string;
  bytes: number;
  /** The Strata dtype it loads as. */
  dtype: DType;
  /** Where the reference safetensors' Dtype enum puts it: it writes tensors by dtype, highest first (and so do we, to match its files byte for byte). */
  rank: number;
  /** The whole numbers an integer type holds; floats hold any number. */
  range?: readonly [number, number];
  read(view: DataView, at: number): number;
  write(view: DataView, at: number, value: number): void;
}

const word = new DataView(new ArrayBuffer(4));

/** IEEE half to number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Number (through float32) to IEEE half, rounding to nearest even; too large becomes ±Infinity. */
function numberToHalf(x: number): number {
  word.setFloat32(0, x);
  const bits = word.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0x80 + 15) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Infinity, NaN
  if (exponent >= 0x1f) return sign | 0x7c00;
  let shift = 13;
  let half = (Math.max(exponent, 0) << 10) | (mantissa >>> 13);
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    shift = 14 - exponent;
    half = mantissa >>> shift;
  }
  const rest = mantissa & ((1 << shift) - 1);
  const middle = 1 << (shift - 1);
  // A carry out of the mantissa steps the exponent up, as rounding should (to Infinity at the top).
  return sign | (half + (rest > middle || (rest === middle && half & 1) ? 1 : 0));
}

function bfloat16ToNumber(h: number): number {
  word.setUint32(0, h << 16);
  return word.getFloat32(0);
}

/** Number (through float32) to bfloat16, rounding to nearest even. */
function numberToBfloat16(x: number): number {
  word.setFloat32(0, x);
  const bits = word.getUint32(0);
  if (Number.isNaN(x)) return ((bits >>> 16) & 0x8000) | 0x7fc0;
  return (bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16;
}

/** The first entry of each Strata dtype (F64, F32, I32) is what a tensor of it is written as by default. */
export const STORED_DTYPES: readonly StoredDType[] = [
  { name: "F64", torch: "DoubleStorage", bytes: 8, dtype: "float64", rank: 8, read: (v, at) => v.getFloat64(at, true), write: (v, at, x) => v.setFloat64(at, x, true) },
  { name: "F32", torch: "FloatStorage", bytes: 4, dtype: "float32", rank: 7, read: (v, at) => v.getFloat32(at, true), write: (v, at, x) => v.setFloat32(at, x, true) },
  { name: "I32", torch: "IntStorage", bytes: 4, dtype: "int32", rank: 6, range: [-(2 ** 31), 2 ** 31 - 1], read: (v, at) => v.getInt32(at, true), write: (v, at, x) => v.setInt32(at, x, true) },
  { name: "I64", torch: "LongStorage", bytes: 8, dtype: "int32", rank: 9, range: [-(2 ** 63), 2 ** 63 - 1024 /* the largest double below 2^63 */], read: (v, at) => Number(v.getBigInt64(at, true)), write: (v, at, x) => v.setBigInt64(at, BigInt(x), true) },
  { name: "F16", torch: "HalfStorage", bytes: 2, dtype: "float32", rank: 4, read: (v, at) => halfToNumber(v.getUint16(at, true)), write: (v, at, x) => v.setUint16(at, numberToHalf(x), true) },
  { name: "BF16", torch: "BFloat16Storage", bytes: 2, dtype: "float32", rank: 5, read: (v, at) => bfloat16ToNumber(v.getUint16(at, true)), write: (v, at, x) => v.setUint16(at, numberToBfloat16(x), true) },
  { name: "I16", torch: "ShortStorage", bytes: 2, dtype: "int32", rank: 3, range: [-(2 ** 15), 2 ** 15 - 1], read: (v, at) => v.getInt16(at, true), write: (v, at, x) => v.setInt16(at, x, true) },
  { name: "I8", torch: "CharStorage", bytes: 1, dtype: "int32", rank: 2, range: [-128, 127], read: (v, at) => v.getInt8(at), write: (v, at, x) => v.setInt8(at, x) },
  { name: "U8", torch: "ByteStorage", bytes: 1, dtype: "int32", rank: 1, range: [0, 255], read: (v, at) => v.getUint8(at), write: (v, at, x) => v.setUint8(at, x) },
  { name: "BOOL", torch: "BoolStorage", bytes: 1, dtype: "int32", rank: 0, range: [0, 1], read: (v, at) => (v.getUint8(at) === 0 ? 0 : 1), write: (v, at, x) => v.setUint8(at, x) },
];

/** The stored types whose bytes are a Strata typed array's as they are (copied, not converted). */
const NATIVE: Readonly<Record<string, DType>> = { F64: "float64", F32: "float32", I32: "int32" };

/**
 * `size` elements of a stored type as a Strata array: element i is at element index `index(i)`
 * of `raw` (contiguous when omitted). `fail` is called with a message when an int64 value does
 * not fit in int32.
 */
export function readStored(type: StoredDType, raw: Uint8Array, size: number, fail: (detail: string) => never, index?: (i: number) => number): TypedArray {
  const out = allocate(type.dtype, size);
  if (!index && NATIVE[type.name]) {
    new Uint8Array(out.buffer).set(raw.subarray(0, size * type.bytes));
    return out;
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let i = 0; i < size; i++) {
    const value = type.read(view, (index ? index(i) : i) * type.bytes);
    if (type.name === "I64" && (value | 0) !== value) fail(`int64 value ${value} at element ${i} does not fit in int32, the integer type Strata loads it as`);
    out[i] = value;
  }
  return out;
}

/** A Strata array's bytes stored as `type` (a view when no conversion is needed); `fail` is called when a value does not fit an integer type. */
export function writeStored(type: StoredDType, values: TypedArray, fail: (detail: string) => never): Uint8Array {
  if (NATIVE[type.name] === dtypeOf(values)) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * type.bytes);
  const { range } = type;
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (range && !(Number.isInteger(value) && value >= range[0] && value <= range[1])) {
      fail(`element ${i} is ${value}, which ${type.name} cannot hold (whole numbers from ${range[0]} to ${range[1]})`);
    }
    type.write(view, i * type.bytes, value);
  }
  return out;
}
