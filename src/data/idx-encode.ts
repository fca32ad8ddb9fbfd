/** Writing IDX bytes (see idx-format.ts for the layout). */
import { idxTypeOfData, type IdxArray } from "./idx-format.js";

/** Encodes an array as an IDX file; the element type follows `data`'s class (Uint8Array → 0x08, …). */
export function encodeIdx({ shape, data }: Pick<IdxArray, "shape" | "data">): Uint8Array {
  const type = idxTypeOfData(data);
  if (shape.length > 255) throw new RangeError(`encodeIdx: IDX holds at most 255 dimensions, got ${shape.length}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) throw new RangeError(`encodeIdx: dimension ${d} in shape [${shape.join(", ")}] is not a uint32`);
  }
  const length = shape.reduce((a, b) => a * b, 1);
  if (length !== data.length) {
    throw new RangeError(`encodeIdx: shape [${shape.join(", ")}] holds ${length} elements but data has ${data.length}`);
  }
  const headerBytes = 4 + 4 * shape.length;
  const bytes = new Uint8Array(headerBytes + length * type.bytes);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, (type.code << 8) | shape.length);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let i = 0; i < length; i++) type.write(view, headerBytes + i * type.bytes, data[i]);
  return bytes;
}
