/**
 * A run's trained model, rebuilt in the page: Strata's browser build loaded from the studio
 * (/strata/, dist/browser) the first time it is needed, the model built from the recipe named in
 * the checkpoint (the builders of model-recipes.ts, as `strata train` uses them) and its weights
 * fetched from the run's checkpoint URL. The checkpoint is data only: its recipe name picks one of
 * the builders; nothing in it is run.
 */
import type { DigitInput, ModelRecipe, RecipeName } from "../../model-recipes.js";
import { SIDE, normalize } from "./digit.js";

type Strata = typeof import("../../../index.js");
type Recipes = typeof import("../../model-recipes.js");

export interface RunModel {
  name: RecipeName;
  recipe: ModelRecipe & { input: DigitInput };
  /** Each class's probability for a 28×28 digit (ink 0 to 1), most likely first. */
  classify(digit: Float32Array): { className: string; probability: number }[];
  /** Which backend runs it, and on how many threads. */
  backend: string;
}

let library: Promise<{ strata: Strata; recipes: Recipes }> | undefined;

/** The browser build's modules; recipes.js shares strata.js's chunks, so the two are one library. */
function loadLibrary(): Promise<{ strata: Strata; recipes: Recipes }> {
  const load = async <T>(file: string): Promise<T> => {
    const url = new URL(`/strata/${file}`, location.href).href;
    try {
      return (await import(url)) as T;
    } catch (error) {
      throw new Error(`cannot load Strata's browser build from ${url}: ${(error as Error).message}`);
    }
  };
  library ??= Promise.all([load<Strata>("strata.js"), load<Recipes>("recipes.js")]).then(([strata, recipes]) => ({ strata, recipes }));
  return library;
}

/** The model of the run called run, with the weights of its checkpoint now. */
export async function loadRunModel(run: string): Promise<RunModel> {
  const { strata, recipes } = await loadLibrary();
  const url = new URL(`/runs/${encodeURIComponent(run)}/checkpoint/`, location.href);
  let checkpoint;
  try {
    checkpoint = await strata.io.loadCheckpoint(url);
  } catch (error) {
    throw new Error(`cannot load the checkpoint at ${url}: ${(error as Error).message}`);
  }
  const name = recipes.recipeNameOf(checkpoint);
  if (name === null) throw new Error(`${url}checkpoint.json names no recipe of \`strata train\` in extra.config.recipe, so there is no model to rebuild`);
  const recipe: ModelRecipe = recipes.modelRecipes[name];
  const { input } = recipe;
  if (input === null) throw new Error(`the try-it panel draws 28×28 digits; the ${name} recipe's model reads other images`);
  const model = recipe.buildModel(recipes.modelShapeOf(checkpoint));
  try {
    model.loadStateDict(checkpoint.model);
  } catch (error) {
    throw new Error(`the weights at ${url} do not fit the ${name} recipe's model: ${(error as Error).message}`);
  }
  model.eval();
  const { backend, threads } = strata.backendInfo();
  return {
    name,
    recipe: { ...recipe, input },
    backend: `${backend} backend, ${threads} thread${threads === 1 ? "" : "s"}`,
    classify(digit) {
      const x = strata.tensor(normalize(digit, input.normalization), [1, 1, SIDE, SIDE]);
      const probabilities = strata.noGrad(() => strata.softmax(model.forward(x), -1)).dataSync();
      return Array.from(probabilities, (probability, i) => ({ className: input.classNames[i] ?? String(i), probability })).sort((a, b) => b.probability - a.probability);
    },
  };
}
