/**
 * Checkpoints: a folder with the model's tensors and the training state, replaced as a whole.
 *
 * Layout: `checkpoint.json` (the manifest: format version, generation, file list, and the JSON
 * part of the optimizer and extra state) beside `model-<g>.safetensors` and, when they hold
 * tensors, `optimizer-<g>.safetensors` and `extra-<g>.safetensors`, where g counts the saves.
 *
 * The manifest also records, for each tensor file, its SHA-256 and the dtype and shape of each
 * tensor in it; loading checks them, so a file damaged on disk (or replaced by another) is named
 * rather than loaded as wrong weights. Manifests of version 1 (before checksums) still load.
 *
 * Why generations: a save writes several files and no file system replaces several files in one
 * step. So a save writes its tensor files under new names (each atomically), then replaces
 * checkpoint.json (atomically) — that rename is the moment the new checkpoint takes over — and
 * only then deletes the previous generation's files. A crash before that rename leaves the old
 * manifest pointing at the old files, all still there; a crash after it leaves the new one
 * complete. Files a crashed save left behind are deleted by the next save.
 */
import { join, mkdir, readdir, unlink } from "#platform/files.js";
import type { Tensor } from "../tensor/index.js";
import { tempFileTarget, writeFileAtomic } from "./atomic.js";
import { CheckpointError } from "./checkpoint-error.js";
import { decodeSafetensors } from "./safetensors-decode.js";
import { namedEntries, type NamedTensors } from "./named-tensors.js";
import { encodeSafetensors } from "./safetensors-encode.js";
import { inside, readBytes, ReadError, type FileLocation } from "./read-bytes.js";
import { joinState, splitState, type Json, type StateValue } from "./state-tree.js";

export interface Checkpoint {
  /** The model's state dict. */
  model: Record<string, Tensor>;
  /** The optimiser's state dict: nested objects and arrays of numbers, strings, … and Tensors. */
  optimizer?: StateValue;
  /** Anything else to keep (epoch, scheduler, RNG state, config); may hold Tensors too. */
  extra?: StateValue;
}

const MANIFEST = "checkpoint.json";
const FORMAT = "strata-checkpoint";
const VERSION = 2;
/** Versions this code reads: 1 has no checksums or tensor list. */
const READABLE = [1, 2];
const TENSOR_FILE = /^(model|optimizer|extra)-(\d+)\.safetensors$/;

type Part = "model" | "optimizer" | "extra";

interface FileContents {
  sha256: string;
  tensors: Record<string, { dtype: string; shape: number[] }>;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

interface Manifest {
  format: typeof FORMAT;
  version: 1 | typeof VERSION;
  generation: number;
  files: Partial<Record<Part, string>>;
  /** Per tensor file: its SHA-256 (hex) and the dtype and shape of each tensor it holds. Version 2 on. */
  contents?: Record<string, FileContents>;
  optimizer?: Json;
  extra?: Json;
}

/** What saveCheckpoint takes: as a Checkpoint, but the model may be the Map `stateDict()` returns. */
export type CheckpointToSave = Omit<Checkpoint, "model"> & { model: NamedTensors };

/** Saves a checkpoint into `dir` (created if needed), replacing the one there as a whole. */
export async function saveCheckpoint(dir: string, checkpoint: CheckpointToSave): Promise<void> {
  if (typeof checkpoint?.model !== "object" || checkpoint.model === null) {
    throw new TypeError("saveCheckpoint: the checkpoint needs a model state dict ({ model: net.stateDict() } or { model: { name: Tensor, … } })");
  }
  await mkdir(dir, { recursive: true });
  const generation = (await newestGeneration(dir)) + 1;
  const manifest: Manifest = { format: FORMAT, version: VERSION, generation, files: {}, contents: {} };
  const writeTensors = async (part: Part, tensors: NamedTensors): Promise<void> => {
    const name = `${part}-${generation}.safetensors`;
    const bytes = encodeSafetensors(tensors);
    await writeFileAtomic(join(dir, name), bytes);
    manifest.files[part] = name;
    const listed = namedEntries(tensors).map(([key, t]) => [key, { dtype: t.dtype, shape: [...t.shape] }]);
    manifest.contents![name] = { sha256: await sha256(bytes), tensors: Object.fromEntries(listed) };
  };

  await writeTensors("model", checkpoint.model);
  for (const part of ["optimizer", "extra"] as const) {
    const value = checkpoint[part];
    if (value === undefined) continue;
    const { json, tensors } = splitState(value, `saveCheckpoint: ${part}`);
    manifest[part] = json;
    if (Object.keys(tensors).length > 0) await writeTensors(part, tensors);
  }
  await writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await removeUnlisted(dir, new Set(Object.values(manifest.files)));
}

/**
 * Loads the checkpoint in `dir`: a folder on disk, or a URL of one (fetched; how a browser loads a
 * run's weights). A missing or damaged file throws an error naming it.
 */
export async function loadCheckpoint(dir: FileLocation): Promise<Checkpoint> {
  const manifestPath = String(inside(dir, MANIFEST));
  const manifest = checkManifest(await readManifest(inside(dir, MANIFEST)), manifestPath);
  const tensorsOf = async (part: Part): Promise<Record<string, Tensor>> => {
    const name = manifest.files[part];
    if (name === undefined) return {};
    const location = inside(dir, name);
    const bytes = await readPart(location);
    if (bytes === null) throw new CheckpointError(String(location), `is missing (${manifestPath} lists it)`);
    const expected = manifest.contents?.[name];
    if (expected && (await sha256(bytes)) !== expected.sha256) {
      throw new CheckpointError(String(location), `is damaged: its SHA-256 does not match the one ${manifestPath} recorded when it was saved`);
    }
    const { tensors } = decodeSafetensors(bytes, String(location));
    if (expected) checkTensorList(tensors, expected.tensors, String(location));
    return tensors;
  };
  const checkpoint: Checkpoint = { model: await tensorsOf("model") };
  for (const part of ["optimizer", "extra"] as const) {
    if (manifest[part] !== undefined) checkpoint[part] = joinState(manifest[part], await tensorsOf(part), manifestPath);
  }
  return checkpoint;
}

async function readManifest(location: FileLocation): Promise<unknown> {
  const path = String(location);
  const bytes = await readPart(location);
  if (bytes === null) throw new CheckpointError(path, "does not exist: no checkpoint has been saved there");
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new CheckpointError(path, `is not valid JSON (${(error as Error).message})`);
  }
}

function checkManifest(value: unknown, path: string): Manifest {
  const m = value as Partial<Manifest> | null;
  if (typeof m !== "object" || m === null || m.format !== FORMAT) {
    throw new CheckpointError(path, `is not a Strata checkpoint manifest (expected "format": "${FORMAT}")`);
  }
  if (!READABLE.includes(m.version as number)) {
    throw new CheckpointError(path, `has format version ${JSON.stringify(m.version)}; this Strata reads versions ${READABLE.join(" and ")}`);
  }
  if (!Number.isInteger(m.generation) || (m.generation as number) < 1) {
    throw new CheckpointError(path, `has "generation": ${JSON.stringify(m.generation)}; expected a whole number ≥ 1`);
  }
  const files = m.files as Record<string, unknown> | undefined;
  if (typeof files !== "object" || files === null || typeof files.model !== "string") {
    throw new CheckpointError(path, `does not list its model file (expected "files": { "model": "model-<n>.safetensors", … })`);
  }
  for (const [part, name] of Object.entries(files)) {
    // Only names this module writes: a manifest must not point outside its folder.
    if (typeof name !== "string" || TENSOR_FILE.exec(name)?.[1] !== part) {
      throw new CheckpointError(path, `lists ${JSON.stringify(name)} as its ${part} file; expected a name like "${part}-1.safetensors"`);
    }
    if (m.version !== 1) checkContentsEntry(m.contents?.[name], name, path);
  }
  return m as Manifest;
}

/** A file of the checkpoint, whose read errors become CheckpointErrors naming it. */
async function readPart(location: FileLocation): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return await readBytes(location);
  } catch (error) {
    if (error instanceof ReadError) throw new CheckpointError(error.file, error.detail);
    throw error;
  }
}

/** A version-2 manifest's record of one tensor file: a SHA-256 and a list of dtypes and shapes. */
function checkContentsEntry(entry: unknown, name: string, path: string): void {
  const e = entry as Partial<FileContents> | undefined;
  const where = `"contents"."${name}"`;
  if (typeof e !== "object" || e === null) throw new CheckpointError(path, `has no ${where} entry (the SHA-256 and tensor list of ${name})`);
  if (typeof e.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(e.sha256)) throw new CheckpointError(path, `has ${where}.sha256 ${JSON.stringify(e.sha256)}; expected 64 hex digits`);
  if (typeof e.tensors !== "object" || e.tensors === null) throw new CheckpointError(path, `has no ${where}.tensors list`);
  for (const [key, t] of Object.entries(e.tensors)) {
    const ok = typeof t?.dtype === "string" && Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d) && d >= 0);
    if (!ok) throw new CheckpointError(path, `has ${where}.tensors."${key}" ${JSON.stringify(t)}; expected { "dtype": "float32", "shape": [whole numbers] }`);
  }
}

/** The tensors a file holds against the list the manifest recorded: same names, dtypes and shapes. */
function checkTensorList(tensors: Record<string, Tensor>, expected: FileContents["tensors"], file: string): void {
  for (const [key, want] of Object.entries(expected)) {
    const got = tensors[key];
    if (!got) throw new CheckpointError(file, `lacks tensor "${key}", which the manifest lists`);
    if (got.dtype !== want.dtype || got.shape.join(",") !== want.shape.join(",")) {
      throw new CheckpointError(file, `holds "${key}" as ${got.dtype} [${got.shape.join(", ")}]; the manifest recorded ${want.dtype} [${want.shape.join(", ")}]`);
    }
  }
  const extra = Object.keys(tensors).filter((key) => !Object.hasOwn(expected, key));
  if (extra.length > 0) throw new CheckpointError(file, `holds tensors the manifest does not list: ${extra.slice(0, 5).join(", ")}`);
}

/** The highest generation of any tensor file (or temporary file of one) in `dir`; 0 if none. */
async function newestGeneration(dir: string): Promise<number> {
  let newest = 0;
  for (const name of await readdir(dir)) {
    const match = TENSOR_FILE.exec(tempFileTarget(name) ?? name);
    if (match) newest = Math.max(newest, Number(match[2]));
  }
  return newest;
}

/** Deletes tensor files not in `keep`, and temporary files left by interrupted writes. */
async function removeUnlisted(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir)) {
    const target = tempFileTarget(name);
    const stale = target !== null ? target === MANIFEST || TENSOR_FILE.test(target) : TENSOR_FILE.test(name) && !keep.has(name);
    if (stale) await unlink(join(dir, name)).catch(() => undefined);
  }
}
