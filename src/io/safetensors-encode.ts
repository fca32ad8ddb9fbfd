/** Writing safetensors bytes (see safetensors-format.ts). */
import { Tensor } from "../tensor/index.js";
import { namedEntries, type NamedTensors } from "./named-tensors.js";
import { assertLittleEndianHost, fileDTypeNamed, fileDTypeOf, METADATA_KEY } from "./safetensors-format.js";
import { STORED_DTYPES, writeStored } from "./stored-dtypes.js";

export interface EncodeOptions {
  /**
   * Tensors to store in another file dtype than their own, by name: "F16" or "BF16" for floats
   * (half the bytes; values round to nearest), "I64" or "BOOL" for integers, as PyTorch keeps
   * `num_batches_tracked` and masks. A value an integer type cannot hold is an error naming it.
   */
  dtypes?: Readonly<Record<string, string>>;
}

const utf8 = new TextEncoder();

/**
 * Encodes named tensors (a plain object, or the Map `model.stateDict()` returns) and optional
 * string metadata as a safetensors file; `options.dtypes` stores some in other file dtypes. The
 * output matches the reference implementation's byte for byte: tensors ordered by dtype then
 * name, compact JSON, header padded with spaces to a multiple of 8 bytes. Metadata keys are
 * written sorted.
 */
export function encodeSafetensors(tensors: NamedTensors, metadata?: Record<string, string>, { dtypes = {} }: EncodeOptions = {}): Uint8Array {
  assertLittleEndianHost("encodeSafetensors");
  const entries = namedEntries(tensors).map(([name, t]) => {
    if (!(t instanceof Tensor)) throw new TypeError(`encodeSafetensors: "${name}" is not a Tensor (got ${describe(t)})`);
    if (name === METADATA_KEY) throw new TypeError(`encodeSafetensors: "${METADATA_KEY}" is reserved for metadata and cannot name a tensor`);
    const type = Object.hasOwn(dtypes, name) ? fileDTypeNamed(dtypes[name]) : fileDTypeOf(t.dtype);
    if (!type) throw new TypeError(`encodeSafetensors: dtypes."${name}" is ${JSON.stringify(dtypes[name])}; expected one of ${STORED_DTYPES.map((d) => d.name).join(", ")}`);
    const data = writeStored(type, t.values, (detail) => {
      throw new RangeError(`encodeSafetensors: tensor "${name}" cannot be stored as ${type.name}: ${detail}`);
    });
    return { name, tensor: t, type, data, nameBytes: utf8.encode(name) };
  });
  const unknown = Object.keys(dtypes).filter((name) => !entries.some((e) => e.name === name));
  if (unknown.length > 0) throw new TypeError(`encodeSafetensors: dtypes names tensors that are not there: ${unknown.join(", ")}`);
  entries.sort((a, b) => b.type.rank - a.type.rank || compareBytes(a.nameBytes, b.nameBytes));

  // Built by hand rather than with one JSON.stringify: JS objects put integer-like keys ("0", "12")
  // first, which would break the order above.
  const fields: string[] = [];
  if (metadata !== undefined) fields.push(`${JSON.stringify(METADATA_KEY)}:${metadataJson(metadata)}`);
  let offset = 0;
  for (const { name, tensor, type, data } of entries) {
    const end = offset + data.length;
    fields.push(`${JSON.stringify(name)}:${JSON.stringify({ dtype: type.name, shape: tensor.shape, data_offsets: [offset, end] })}`);
    offset = end;
  }
  const json = utf8.encode(`{${fields.join(",")}}`);
  const headerBytes = Math.ceil(json.length / 8) * 8;

  const out = new Uint8Array(8 + headerBytes + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerBytes);
  let at = 8 + headerBytes;
  for (const { data } of entries) {
    out.set(data, at);
    at += data.length;
  }
  return out;
}

function metadataJson(metadata: Record<string, string>): string {
  const keys = Object.keys(metadata).sort();
  const fields = keys.map((key) => {
    const value = metadata[key];
    if (typeof value !== "string") throw new TypeError(`encodeSafetensors: metadata "${key}" must be a string (got ${describe(value)})`);
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{${fields.join(",")}}`;
}

/** Byte-wise order of UTF-8 names, as Rust compares strings. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function describe(value: unknown): string {
  return value === null ? "null" : typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
}
