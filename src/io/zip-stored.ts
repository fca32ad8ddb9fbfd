/**
 * The entries of a zip archive whose files are stored uncompressed, as torch.save writes them
 * (PyTorch's writer, miniz, never compresses, and aligns each file's data to 64 bytes). Read from
 * the central directory (ZIP64 records included), every offset and size checked against the
 * archive's length; a compressed entry is refused rather than inflated.
 */

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;

/** The archive's files by name; their data are views into `bytes`. `fail` is called for any damage. */
export function readStoredZip(bytes: Uint8Array, fail: (detail: string) => never): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => {
    const value = view.getBigUint64(at, true);
    return value > BigInt(bytes.length) ? fail(`a ZIP64 record holds ${value}, beyond the archive's ${bytes.length} bytes`) : Number(value);
  };
  const within = (at: number, length: number, what: string) => {
    if (at < 0 || length < 0 || at + length > bytes.length) fail(`${what} (bytes ${at}–${at + length}) lies outside the archive's ${bytes.length} bytes`);
  };

  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) fail("it is not a zip archive (no end-of-central-directory record)");
  let count = u16(end + 10);
  let directory = u32(end + 16);
  if (count === 0xffff || directory === 0xffffffff) {
    within(end - 20, 20, "the ZIP64 locator");
    if (u32(end - 20) !== ZIP64_LOCATOR) fail("the end record points to ZIP64 records that are not there");
    const end64 = u64(end - 12);
    within(end64, 56, "the ZIP64 end record");
    if (u32(end64) !== ZIP64_END) fail("the ZIP64 end record has the wrong signature");
    count = u64(end64 + 32);
    directory = u64(end64 + 48);
  }

  const files = new Map<string, Uint8Array>();
  let at = directory;
  for (let i = 0; i < count; i++) {
    within(at, 46, `central directory entry ${i}`);
    if (u32(at) !== DIRECTORY_ENTRY) fail(`central directory entry ${i} (byte ${at}) has the wrong signature`);
    const [method, nameLength, extraLength, commentLength] = [u16(at + 10), u16(at + 28), u16(at + 30), u16(at + 32)];
    within(at + 46, nameLength + extraLength + commentLength, `central directory entry ${i}'s name and extra fields`);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Sizes and offset that do not fit in 32 bits are 0xFFFFFFFF here and follow in a ZIP64 extra field.
    const fields = [u32(at + 24), u32(at + 20), u32(at + 42)];
    const wide = readZip64Extra(view, at + 46 + nameLength, extraLength, u64);
    for (let f = 0; f < fields.length; f++) if (fields[f] === 0xffffffff) fields[f] = wide.shift() ?? fail(`"${name}" lacks the ZIP64 field its sizes point to`);
    const [size, compressedSize, local] = fields;
    if (method !== 0 || compressedSize !== size) fail(`"${name}" is compressed (method ${method}); torch.save stores files uncompressed, so this archive was rewritten by another tool`);
    within(local, 30, `"${name}"'s local header`);
    if (u32(local) !== LOCAL_HEADER) fail(`"${name}"'s local header (byte ${local}) has the wrong signature`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    within(start, size, `"${name}"'s data`);
    files.set(name, bytes.subarray(start, start + size));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The 64-bit values of a ZIP64 extra field among an entry's extra fields, in order. */
function readZip64Extra(view: DataView, at: number, length: number, u64: (at: number) => number): number[] {
  for (let p = at; p + 4 <= at + length; ) {
    const [id, size] = [view.getUint16(p, true), view.getUint16(p + 2, true)];
    if (id === ZIP64_EXTRA) return Array.from({ length: Math.floor(Math.min(size, at + length - p - 4) / 8) }, (_, k) => u64(p + 4 + 8 * k));
    p += 4 + size;
  }
  return [];
}
