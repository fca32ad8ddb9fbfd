/**
 * The unsupervised models `strata train` knows: each one's description, settings (whose keys are
 * its flags: `lambda` → `--lambda`, `batchSize` → `--batch-size`), the choices of its string
 * settings, and the function that trains it.
 */
import { CODE_ACTIVATIONS } from "../../unsupervised/autoencoders/index.js";
import { AUTOENCODER_DEFAULTS, AUTOENCODER_DESCRIPTION, AUTOENCODER_KINDS, trainAutoencoderCommand } from "./autoencoder-command.js";
import { GAUSSIAN_RBM_DEFAULTS, GAUSSIAN_RBM_DESCRIPTION, trainGaussianRbmCommand } from "./gaussian-rbm-command.js";
import { DBN_DEFAULTS, DBN_DESCRIPTION, trainDbnCommand } from "./dbn-command.js";
import { KMEANS_DEFAULTS, KMEANS_DESCRIPTION, trainKmeansCommand } from "./kmeans-command.js";
import { LISTA_DEFAULTS, LISTA_DESCRIPTION, trainListaCommand } from "./lista-command.js";
import { PSD_DEFAULTS, PSD_DESCRIPTION, trainPsdCommand } from "./psd-command.js";
import { RBM_DEFAULTS, RBM_DESCRIPTION, trainRbmCommand } from "./rbm-command.js";
import { SPARSE_CODING_DEFAULTS, SPARSE_CODING_DESCRIPTION, trainSparseCodingCommand } from "./sparse-coding-command.js";

export type SettingValue = number | string | boolean | readonly number[];

export interface UnsupervisedModel {
  description: string;
  defaults: Readonly<Record<string, SettingValue>>;
  /** The values a string setting may take. */
  choices?: Readonly<Record<string, readonly string[]>>;
  /** Trains with the flags given (settings, `out`, `resume`); the command checks their ranges. */
  train(options: Record<string, unknown>): Promise<void>;
}

const DATA = ["patches", "mnist"] as const;

export const unsupervisedModels: Record<string, UnsupervisedModel> = {
  autoencoder: {
    description: AUTOENCODER_DESCRIPTION, defaults: { ...AUTOENCODER_DEFAULTS }, train: trainAutoencoderCommand,
    choices: { kind: AUTOENCODER_KINDS, loss: ["bce", "mse"], activation: CODE_ACTIVATIONS, noise: ["masking", "gaussian"] },
  },
  kmeans: { description: KMEANS_DESCRIPTION, defaults: { ...KMEANS_DEFAULTS }, choices: { data: DATA }, train: trainKmeansCommand },
  rbm: { description: RBM_DESCRIPTION, defaults: { ...RBM_DEFAULTS }, train: trainRbmCommand },
  "gaussian-rbm": { description: GAUSSIAN_RBM_DESCRIPTION, defaults: { ...GAUSSIAN_RBM_DEFAULTS }, choices: { data: DATA }, train: trainGaussianRbmCommand },
  dbn: { description: DBN_DESCRIPTION, defaults: { ...DBN_DEFAULTS }, train: trainDbnCommand },
  "sparse-coding": { description: SPARSE_CODING_DESCRIPTION, defaults: { ...SPARSE_CODING_DEFAULTS }, choices: { data: DATA }, train: trainSparseCodingCommand },
  psd: { description: PSD_DESCRIPTION, defaults: { ...PSD_DEFAULTS }, choices: { data: DATA }, train: trainPsdCommand },
  lista: { description: LISTA_DESCRIPTION, defaults: { ...LISTA_DEFAULTS }, choices: { data: DATA, model: ["lista", "lcod"] }, train: trainListaCommand },
};
