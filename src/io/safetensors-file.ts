/** safetensors files on disk. */
import { readFile } from "node:fs/promises";
import type { Tensor } from "../tensor/index.js";
import { writeFileAtomic } from "./atomic.js";
import { decodeSafetensors, type SafetensorsContents } from "./safetensors-decode.js";
import { encodeSafetensors } from "./safetensors-encode.js";

/** Writes tensors (and optional string metadata) to a safetensors file, atomically. */
export async function saveSafetensors(path: string, tensors: Record<string, Tensor>, metadata?: Record<string, string>): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/** Reads a safetensors file; a malformed one throws a SafetensorsError naming the path. */
export async function loadSafetensors(path: string): Promise<SafetensorsContents> {
  return decodeSafetensors(await readFile(path), path);
}
