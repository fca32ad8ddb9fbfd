/** RBMs (binary–binary and Gaussian–binary) trained by CD-k and PCD, their evaluation (pseudo-likelihood, AIS), Gibbs sampling, and DBNs. */
export { RBM } from "./rbm.js";
export type { RbmOptions } from "./rbm.js";
export { BinaryRBM } from "./binary-rbm.js";
export { GaussianRBM } from "./gaussian-rbm.js";
export { binarize, bernoulliOf, checkVisibleData, dataLogOdds } from "./visible-data.js";
export type { VisibleKind } from "./visible-data.js";
export { CD_DEFAULTS, cdStatistics, ContrastiveDivergence } from "./contrastive-divergence.js";
export type { CdOptions, CdStatistics, Phase } from "./contrastive-divergence.js";
export { gibbsFromHidden, gibbsSample } from "./gibbs.js";
export type { GibbsSampleOptions } from "./gibbs.js";
export { pseudoLogLikelihood } from "./pseudo-likelihood.js";
export { allBinaryStates, averageLogLikelihood, exactLogPartition } from "./partition.js";
export { aisSchedule, annealedLogPartition } from "./annealed-importance-sampling.js";
export type { AisOptions, AisResult } from "./annealed-importance-sampling.js";
export { dbnClassifier, dbnEncoder, hiddenProbabilitiesOf, pretrainDbn, rbmEncoderLayers } from "./dbn.js";
export type { DbnClassifierOptions, DbnPretrainOptions, PretrainProgress, PretrainResume } from "./dbn.js";
