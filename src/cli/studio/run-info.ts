/** What GET /api/runs says about a run: whether it has a log, its checkpoint and settings, its newest filter snapshot. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { StateValue } from "../../io/index.js";
import { filterSnapshotFiles } from "../filter-snapshots.js";
import { recipeNameOf } from "../model-recipes.js";
import type { CheckpointInfo, RunInfo } from "./client/protocol.js";
import { HttpError } from "./http-error.js";
import { fileInRun } from "./run-files.js";
import type { Run } from "./runs.js";

const TENSOR_FILE = /^(model|optimizer|extra)-\d+\.safetensors$/;

export async function runInfo(run: Run): Promise<RunInfo> {
  const info: RunInfo = {
    name: run.name,
    hasLog: existsSync(join(run.dir, "log.jsonl")),
    checkpoint: null,
    filtersEpoch: filterSnapshotFiles(run.dir).at(-1)?.epoch ?? null,
    problem: null,
  };
  try {
    info.checkpoint = await checkpointInfo(run);
  } catch (error) {
    info.problem = (error as Error).message;
  }
  return info;
}

/** The run's checkpoint as its checkpoint.json describes it; null when it has none yet. */
export async function checkpointInfo(run: Run): Promise<CheckpointInfo | null> {
  let text: string;
  try {
    text = await readFile(await fileInRun(run, "checkpoint", "checkpoint.json"), "utf8");
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return null;
    throw error;
  }
  let manifest: { generation?: unknown; files?: Record<string, unknown>; extra?: Record<string, unknown> };
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new Error(`checkpoint/checkpoint.json of run ${run.name} is not valid JSON (${(error as Error).message})`);
  }
  const files = Object.values(manifest.files ?? {});
  if (typeof manifest.generation !== "number" || !files.every((f): f is string => typeof f === "string" && TENSOR_FILE.test(f))) {
    throw new Error(`checkpoint/checkpoint.json of run ${run.name} is not a Strata checkpoint manifest (it needs a generation and files named like "model-1.safetensors")`);
  }
  const extra = manifest.extra ?? {};
  return {
    generation: manifest.generation,
    files: ["checkpoint.json", ...files],
    settings: settingsOf(extra),
    classifier: recipeNameOf({ extra: extra as StateValue }) !== null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `strata train` keeps the settings as extra.config; char-rnn and the unsupervised commands as extra.kind and extra.settings. */
function settingsOf(extra: Record<string, unknown>): Record<string, unknown> | null {
  if (isObject(extra.config)) return extra.config;
  if (isObject(extra.settings)) return { kind: extra.kind, settings: extra.settings };
  return null;
}
