/**
 * strata/unsupervised: learning features without labels, in the energy-based view of the
 * LeCun–Ranzato tutorial — autoencoders, RBMs and DBNs, sparse coding and its learned inference,
 * PSD, k-means and PCA — each model saying how it shapes its energy.
 */
export { freeEnergyOfDiscrete } from "./energy.js";
export type { EnergyModel, EnergyShaping } from "./energy.js";
export * from "./autoencoders/index.js";
export * from "./kmeans/index.js";
export * from "./rbm/index.js";
export * from "./pca/index.js";
export * from "./sparse-coding/index.js";
export * from "./psd/index.js";
