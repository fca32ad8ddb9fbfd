/**
 * The first convolution's filters saved after every epoch of `strata train` (<run>/filters/),
 * so `strata inspect` can show how features formed (Zeiler & Fergus fig. 4). A few KB an epoch.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { loadSafetensors, saveSafetensors } from "../io/index.js";
import type { Module } from "../nn/index.js";
import { Tensor } from "../tensor/index.js";
import { convWeight, firstConvPath } from "../viz/index.js";

const FOLDER = "filters";
const fileOf = (epoch: number) => `epoch-${String(epoch).padStart(4, "0")}.safetensors`;

/** Save the first convolution's weights of model as the snapshot of this epoch (nothing if it has none). */
export async function saveFilterSnapshot(runDir: string, model: Module, epoch: number): Promise<void> {
  const path = firstConvPath(model);
  if (path === null) return;
  const weight = convWeight(model, path);
  await mkdir(join(runDir, FOLDER), { recursive: true });
  await saveSafetensors(join(runDir, FOLDER, fileOf(epoch)), { weight: new Tensor(weight.values.slice(), weight.shape) }, { layer: path, epoch: String(epoch) });
}

/** The snapshot files of a run, oldest epoch first (empty when the run saved none). */
export function filterSnapshotFiles(runDir: string): { epoch: number; path: string }[] {
  const folder = join(runDir, FOLDER);
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder).filter((f) => /^epoch-\d+\.safetensors$/.test(f)).sort();
  return files.map((file) => ({ epoch: Number(file.match(/\d+/)![0]), path: join(folder, file) }));
}

/** One snapshot file read back: the layer it was taken from and its weights. */
export async function readFilterSnapshot(path: string): Promise<{ layer: string; weight: Tensor }> {
  const { tensors, metadata } = await loadSafetensors(path);
  if (!tensors.weight) throw new Error(`${path} holds no "weight" tensor`);
  return { layer: metadata?.layer ?? "", weight: tensors.weight };
}

/** The snapshots of a run, by epoch (empty when the run saved none). */
export async function readFilterSnapshots(runDir: string): Promise<{ epoch: number; layer: string; weight: Tensor }[]> {
  return Promise.all(filterSnapshotFiles(runDir).map(async ({ epoch, path }) => ({ epoch, ...(await readFilterSnapshot(path)) })));
}

export const filterSnapshotFolder = (runDir: string) => join(runDir, FOLDER);
