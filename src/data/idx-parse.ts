/** Reading IDX bytes (see idx-format.ts for the layout). */
import { hex, IDX_TYPES, IdxError, type IdxArray } from "./idx-format.js";

/**
 * Parses the bytes of an IDX file. `name` (usually the path) is used in errors. Every size is
 * checked: a truncated header, or data shorter or longer than the dimensions say, throws an
 * IdxError naming the file, the expected and the found byte counts.
 * One-byte types come back as views into `bytes` (no copy); wider types are decoded from big-endian.
 */
export function parseIdx(bytes: Uint8Array, name = "<bytes>"): IdxArray {
  if (bytes.length < 4) {
    throw new IdxError(name, `header truncated: expected at least 4 bytes (the magic number), found ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxError(name, `bad magic number ${hex(magic, 8)}: expected two zero bytes, a type code and a dimension count (e.g. 0x00000803 for 3-D uint8 images)`);
  }
  const type = IDX_TYPES.find((t) => t.code === bytes[2]);
  if (!type) {
    const known = IDX_TYPES.map((t) => `${hex(t.code, 2)} (${t.dtype})`).join(", ");
    throw new IdxError(name, `unknown type code ${hex(bytes[2], 2)} in magic number ${hex(magic, 8)}; expected one of ${known}`);
  }
  const ndim = bytes[3];
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new IdxError(name, `header truncated: ${ndim} dimensions need a ${headerBytes}-byte header, found ${bytes.length} bytes in the file`);
  }
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const length = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + length * type.bytes;
  if (bytes.length !== expected) {
    const diff = bytes.length < expected ? `truncated: ${expected - bytes.length} bytes missing` : `${bytes.length - expected} unexpected bytes at the end`;
    throw new IdxError(
      name,
      `shape [${shape.join(", ")}] of ${type.dtype} needs ${headerBytes} + ${length * type.bytes} = ${expected} bytes, found ${bytes.length} bytes (${diff})`,
    );
  }
  if (type.dtype === "uint8") return { dtype: type.dtype, shape, data: new Uint8Array(bytes.buffer, bytes.byteOffset + headerBytes, length) };
  if (type.dtype === "int8") return { dtype: type.dtype, shape, data: new Int8Array(bytes.buffer, bytes.byteOffset + headerBytes, length) };
  const data = new type.array(length);
  for (let i = 0; i < length; i++) data[i] = type.read(view, headerBytes + i * type.bytes);
  return { dtype: type.dtype, shape, data };
}
