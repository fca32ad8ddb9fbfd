/** safetensors files on disk or at a URL. */
import { writeFileAtomic } from "./atomic.js";
import type { NamedTensors } from "./named-tensors.js";
import { decodeSafetensors, type SafetensorsContents } from "./safetensors-decode.js";
import { encodeSafetensors, type EncodeOptions } from "./safetensors-encode.js";
import { SafetensorsError } from "./safetensors-format.js";
import { readBytes, type FileLocation } from "./read-bytes.js";

/**
 * Writes tensors (a plain object, or the Map `model.stateDict()` returns) and optional string
 * metadata to a safetensors file, atomically; `options.dtypes` stores some in other file dtypes.
 */
export async function saveSafetensors(path: string, tensors: NamedTensors, metadata?: Record<string, string>, options?: EncodeOptions): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata, options));
}

/**
 * Reads a safetensors file from a path or a URL (fetched: this is how a browser loads weights); a
 * missing or malformed one throws a SafetensorsError naming it.
 */
export async function loadSafetensors(location: FileLocation): Promise<SafetensorsContents> {
  const bytes = await readBytes(location);
  if (bytes === null) throw new SafetensorsError(String(location), "does not exist");
  return decodeSafetensors(bytes, String(location));
}
