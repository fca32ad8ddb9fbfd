/** safetensors files on disk or at a URL. */
import type { Tensor } from "../tensor/index.js";
import { writeFileAtomic } from "./atomic.js";
import { decodeSafetensors, type SafetensorsContents } from "./safetensors-decode.js";
import { encodeSafetensors } from "./safetensors-encode.js";
import { SafetensorsError } from "./safetensors-format.js";
import { readBytes, type FileLocation } from "./read-bytes.js";

/** Writes tensors (and optional string metadata) to a safetensors file, atomically. */
export async function saveSafetensors(path: string, tensors: Record<string, Tensor>, metadata?: Record<string, string>): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
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
