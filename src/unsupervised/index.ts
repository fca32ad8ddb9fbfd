/**
 * strata/unsupervised: learning features without labels, in the energy-based view of the
 * LeCun–Ranzato tutorial — autoencoders, RBMs and DBNs, sparse coding and its learned inference,
 * PSD, k-means and PCA — each model saying how it shapes its energy.
 */
export { freeEnergyOfDiscrete } from "./energy.js";
export type { EnergyModel, EnergyShaping } from "./energy.js";
