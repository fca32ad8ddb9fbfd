/** Reading safetensors bytes (see safetensors-format.ts), with every rule of the format checked. */
import { Tensor } from "../tensor/index.js";
import { readStored, STORED_DTYPES } from "./stored-dtypes.js";
import { assertLittleEndianHost, fileDTypeNamed, MAX_HEADER_BYTES, METADATA_KEY, SafetensorsError, type TensorInfo } from "./safetensors-format.js";

export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  /** The "__metadata__" map, if the file has one. */
  metadata?: Record<string, string>;
}

interface Entry {
  name: string;
  info: TensorInfo;
}

/**
 * Decodes a safetensors file. `name` (usually the path) is used in errors. As the reference
 * implementation does, refuses a header that is not JSON, an unknown dtype, a shape that does not
 * match its byte range, byte ranges that overlap or leave gaps, and a data section longer or
 * shorter than the tensors. The tensors get their own copies of the data; float16 and bfloat16
 * widen to float32, int64, bool and the small integer types load as int32 (an int64 value that
 * does not fit is refused, naming the tensor).
 */
export function decodeSafetensors(input: Uint8Array | ArrayBuffer, name = "<bytes>"): SafetensorsContents {
  assertLittleEndianHost("decodeSafetensors");
  // an ArrayBuffer as fetch's response.arrayBuffer() gives it, or a file's bytes
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const fail = (detail: string): never => {
    throw new SafetensorsError(name, detail);
  };
  if (bytes.length < 8) fail(`it is ${bytes.length} bytes long, shorter than the 8-byte header length that starts the format`);
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (headerBytes > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    fail(`the header length says ${headerBytes} bytes, but ${bytes.length - 8} bytes follow it${headerBytes > MAX_HEADER_BYTES ? ` (and the limit is ${MAX_HEADER_BYTES})` : ""}`);
  }
  const dataStart = 8 + Number(headerBytes);
  const header = parseHeader(bytes.subarray(8, dataStart), fail);

  let metadata: Record<string, string> | undefined;
  const entries: Entry[] = [];
  for (const [key, value] of Object.entries(header)) {
    if (key === METADATA_KEY) metadata = checkMetadata(value, fail);
    else entries.push({ name: key, info: checkInfo(key, value, fail) });
  }

  // The byte ranges, in order, must tile the data section exactly.
  entries.sort((a, b) => a.info.data_offsets[0] - b.info.data_offsets[0] || a.info.data_offsets[1] - b.info.data_offsets[1]);
  let end = 0;
  let previous = "the start of the data";
  for (const { name: tensor, info } of entries) {
    const [s, e] = info.data_offsets;
    if (s < end) fail(`tensor "${tensor}" (bytes ${s}–${e}) overlaps ${previous}, which ends at byte ${end}`);
    if (s > end) fail(`bytes ${end}–${s} between ${previous} and tensor "${tensor}" belong to no tensor`);
    end = e;
    previous = `tensor "${tensor}"`;
  }
  const dataBytes = bytes.length - dataStart;
  if (end !== dataBytes) fail(`the tensors cover ${end} bytes of data, but the file holds ${dataBytes} bytes after the ${headerBytes}-byte header`);

  const tensors = Object.fromEntries(entries.map(({ name: tensor, info }) => [tensor, toTensor(tensor, info, bytes.subarray(dataStart + info.data_offsets[0], dataStart + info.data_offsets[1]), fail)]));
  return metadata === undefined ? { tensors } : { tensors, metadata };
}

function parseHeader(raw: Uint8Array, fail: (detail: string) => never): Record<string, unknown> {
  let text = "";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    fail("the header is not valid UTF-8");
  }
  if (!text.startsWith("{")) fail(`the header must be a JSON object starting with "{", found ${JSON.stringify(text.slice(0, 20))}`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    fail(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) fail("the header is not a JSON object");
  return header as Record<string, unknown>;
}

function checkMetadata(value: unknown, fail: (detail: string) => never): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(`"${METADATA_KEY}" must be an object of strings`);
  for (const [k, v] of Object.entries(value as object)) {
    if (typeof v !== "string") fail(`"${METADATA_KEY}" entry "${k}" must be a string, found ${JSON.stringify(v)}`);
  }
  return value as Record<string, string>;
}

function checkInfo(name: string, value: unknown, fail: (detail: string) => never): TensorInfo {
  const info = value as Partial<TensorInfo> | null;
  const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (typeof info !== "object" || info === null) fail(`tensor "${name}" has no {dtype, shape, data_offsets} entry (found ${JSON.stringify(value)})`);
  const type = fileDTypeNamed(info.dtype);
  if (!type) fail(`tensor "${name}" has dtype ${JSON.stringify(info.dtype)}; Strata reads ${STORED_DTYPES.map((d) => d.name).join(", ")}`);
  const { shape, data_offsets: offsets } = info;
  if (!Array.isArray(shape) || !shape.every(isCount)) fail(`tensor "${name}" has shape ${JSON.stringify(shape)}; expected an array of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    fail(`tensor "${name}" has data_offsets ${JSON.stringify(offsets)}; expected [begin, end] with 0 ≤ begin ≤ end`);
  }
  const needed = shape.reduce((a, b) => a * b, 1) * type.bytes;
  if (offsets[1] - offsets[0] !== needed) {
    fail(`tensor "${name}" of dtype ${type.name} and shape [${shape.join(", ")}] needs ${needed} bytes, but data_offsets [${offsets.join(", ")}] span ${offsets[1] - offsets[0]}`);
  }
  return info as TensorInfo;
}

/** The tensor's values in the Strata dtype its stored type loads as (see stored-dtypes.ts). */
function toTensor(name: string, info: TensorInfo, raw: Uint8Array, fail: (detail: string) => never): Tensor {
  const type = fileDTypeNamed(info.dtype)!;
  return new Tensor(readStored(type, raw, raw.length / type.bytes, (detail) => fail(`tensor "${name}": ${detail}`)), info.shape);
}
