/** A run directory of `strata train` read back: its checkpoint, recipe, settings and trained model. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadCheckpoint, type Checkpoint } from "../io/index.js";
import type { Module } from "../nn/index.js";
import { modelShapeOf, recipeNameOf } from "./model-recipes.js";
import { recipes, type Recipe, type TrainSettings } from "./recipes.js";

export interface TrainedRun {
  name: string;
  recipe: Recipe;
  settings: TrainSettings;
  model: Module;
  checkpointDir: string;
}

/** The checkpoint of the run in runDir; a missing directory or checkpoint is named. */
export async function loadRunCheckpoint(runDir: string): Promise<{ checkpoint: Checkpoint; checkpointDir: string }> {
  if (!existsSync(runDir)) throw new Error(`no run directory ${runDir} (train one with \`strata train lenet5 --out ${runDir}\`)`);
  const checkpointDir = join(runDir, "checkpoint");
  const manifest = join(checkpointDir, "checkpoint.json");
  if (!existsSync(manifest)) throw new Error(`${runDir} holds no checkpoint: ${manifest} is missing (was the run interrupted before its first epoch ended?)`);
  return { checkpoint: await loadCheckpoint(checkpointDir), checkpointDir };
}

/** The model of the run in runDir with its trained weights. */
export async function loadTrainedRun(runDir: string): Promise<TrainedRun> {
  const { checkpoint, checkpointDir } = await loadRunCheckpoint(runDir);
  const name = recipeNameOf(checkpoint);
  const settings = (checkpoint.extra as { config?: { settings?: TrainSettings } } | undefined)?.config?.settings;
  if (name === null || !settings) throw new Error(`${checkpointDir} was not written by \`strata train\` (its checkpoint.json names no known recipe)`);
  const recipe = recipes[name];
  const model = recipe.buildModel(modelShapeOf(checkpoint));
  model.loadStateDict(checkpoint.model);
  return { name, recipe, settings, model, checkpointDir };
}
