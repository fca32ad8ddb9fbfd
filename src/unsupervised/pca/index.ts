/** PCA and ZCA whitening: the linear baselines of unsupervised feature learning, on an exact symmetric eigensolver. */
export { PCA } from "./pca.js";
export { ZcaWhitening } from "./zca.js";
export { symmetricEigen } from "./symmetric-eigen.js";
export type { SymmetricEigen } from "./symmetric-eigen.js";
export { whitenedPatches } from "./whitened-patches.js";
export type { WhitenedPatches, WhitenedPatchOptions } from "./whitened-patches.js";
