/** A run directory of `strata train` read back: its recipe, settings and trained model. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadCheckpoint } from "../io/index.js";
import type { Module } from "../nn/index.js";
import { recipes, type Recipe, type TrainSettings } from "./recipes.js";

export interface TrainedRun {
  name: string;
  recipe: Recipe;
  settings: TrainSettings;
  model: Module;
  checkpointDir: string;
}

/** The model of the run in runDir with its trained weights; a missing directory or checkpoint is named. */
export async function loadTrainedRun(runDir: string): Promise<TrainedRun> {
  if (!existsSync(runDir)) throw new Error(`no run directory ${runDir} (train one with \`strata train lenet5 --out ${runDir}\`)`);
  const checkpointDir = join(runDir, "checkpoint");
  const manifest = join(checkpointDir, "checkpoint.json");
  if (!existsSync(manifest)) throw new Error(`${runDir} holds no checkpoint: ${manifest} is missing (was the run interrupted before its first epoch ended?)`);
  const checkpoint = await loadCheckpoint(checkpointDir);
  const config = (checkpoint.extra as { config?: { recipe?: string; settings?: TrainSettings } } | undefined)?.config;
  const recipe = config?.recipe ? recipes[config.recipe] : undefined;
  if (!recipe || !config?.settings) {
    throw new Error(`${checkpointDir} was not written by \`strata train\` (its checkpoint.json names no known recipe)`);
  }
  const model = recipe.buildModel();
  model.loadStateDict(checkpoint.model);
  return { name: config.recipe!, recipe, settings: config.settings, model, checkpointDir };
}
