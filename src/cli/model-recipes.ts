/**
 * The half of `strata train`'s recipes that a browser can run: each recipe's model and the input it
 * reads. recipes.ts adds the data, losses and default settings for the command; the studio's try-it
 * panel loads this module from the browser build (dist/browser/recipes.js, where
 * scripts/browser-bundle.mjs bundles it for the browser and so would fail on any Node-only import)
 * to rebuild a run's model in the page. Keep it free of files, the terminal and the data packages.
 */
import { MNIST_MEAN, MNIST_STD } from "../data/index.js";
import type { Checkpoint } from "../io/index.js";
import { cifarQuick, lenet5, mlp } from "../models/index.js";
import type { Module } from "../nn/index.js";

/** A 1×28×28 grey digit as MNIST holds it: white ink on black, pixels scaled to [0, 1], then normalised. */
export interface DigitInput {
  /** x = (pixel − mean) / std. */
  normalization: { mean: number; std: number };
  /** The name of each output class, in order. */
  classNames: readonly string[];
}

/** The model's own settings a run may choose (`--width`, `--dropout`); a recipe whose model takes none ignores them. */
export interface ModelShape {
  /** Multiplies every hidden layer's width (default 1). */
  width?: number;
  /** Dropout after the hidden fully connected layers (default 0). */
  dropout?: number;
}

export interface ModelRecipe {
  /** The model, shaped by a run's settings (the defaults when left out). */
  buildModel(shape?: ModelShape): Module;
  /** The ModelShape settings the model takes. */
  shapedBy: readonly (keyof ModelShape)[];
  /** The shape of one input image, [channels, height, width]. */
  imageShape: readonly [number, number, number];
  /** What the model reads: a digit, or null for other images (the studio's try-it panel draws digits only). */
  input: DigitInput | null;
}

export const MNIST_DIGITS: DigitInput = {
  normalization: { mean: MNIST_MEAN, std: MNIST_STD },
  classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
};

export const modelRecipes = {
  lenet5: {
    buildModel: ({ width, dropout }: ModelShape = {}) => lenet5({ width, dropout }),
    shapedBy: ["width", "dropout"],
    imageShape: [1, 28, 28],
    input: MNIST_DIGITS,
  },
  mlp: {
    buildModel: ({ width = 1, dropout }: ModelShape = {}) => mlp({ sizes: [784, Math.round(800 * width), Math.round(800 * width), 10], dropout }),
    shapedBy: ["width", "dropout"],
    imageShape: [1, 28, 28],
    input: MNIST_DIGITS,
  },
  "cifar-quick": {
    buildModel: () => cifarQuick(),
    shapedBy: [],
    imageShape: [3, 32, 32],
    input: null,
  },
} satisfies Record<string, ModelRecipe>;

/** The ModelShape settings a checkpoint's run was trained with (none for runs from before them: the default model). */
export function modelShapeOf({ extra }: Pick<Checkpoint, "extra">): ModelShape {
  const settings = (extra as { config?: { settings?: ModelShape } } | undefined)?.config?.settings ?? {};
  return { width: settings.width, dropout: settings.dropout };
}

export type RecipeName = keyof typeof modelRecipes;

/**
 * The recipe a checkpoint of `strata train` names in its extra.config, or null when another
 * command wrote it (char-rnn and the unsupervised commands keep no recipe) or the recipe is unknown.
 */
export function recipeNameOf({ extra }: Pick<Checkpoint, "extra">): RecipeName | null {
  const recipe = (extra as { config?: { recipe?: unknown } } | undefined)?.config?.recipe;
  return typeof recipe === "string" && Object.hasOwn(modelRecipes, recipe) ? (recipe as RecipeName) : null;
}
