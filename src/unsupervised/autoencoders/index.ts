/**
 * Autoencoders (plain, tied, sparse, denoising, contractive), greedy stacking, and the supervised
 * protocols that use a pre-trained stack: a linear probe on frozen codes, or fine-tuning end to end.
 */
export { Autoencoder } from "./autoencoder.js";
export type { AutoencoderObjective, AutoencoderOptions, Sparsity } from "./autoencoder.js";
export { CODE_ACTIVATIONS } from "./activations.js";
export type { CodeActivation } from "./activations.js";
export { corrupt } from "./corruption.js";
export type { Corruption } from "./corruption.js";
export { bernoulliKl, contractivePenalty, sparsityPenalty } from "./penalties.js";
export { reconstructionError } from "./reconstruction.js";
export type { DecoderOutput, ReconstructionLoss } from "./reconstruction.js";
export { AUTOENCODER_TRAINING_DEFAULTS, evaluateReconstruction, rowLoader, trainAutoencoder, trainAutoencoderEpoch } from "./train.js";
export type { AutoencoderEpoch, AutoencoderEpochLosses, AutoencoderTrainingOptions } from "./train.js";
export { encodeWith, pretrainStack } from "./stacked.js";
export type { PretrainOptions } from "./stacked.js";
export { fineTune, linearProbe, stackClassifier, SUPERVISED_DEFAULTS } from "./protocols.js";
export type { LabelledData, ProtocolResult, SupervisedOptions } from "./protocols.js";
