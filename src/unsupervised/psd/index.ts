/** Predictive sparse decomposition: sparse coding with a trained feed-forward encoder of the codes, dense or convolutional. */
export { Psd } from "./psd.js";
export type { PsdOptions } from "./psd.js";
export { ConvTanhEncoder, TanhEncoder } from "./encoders.js";
export { codingSpeed } from "./speed.js";
export type { CodingSpeed } from "./speed.js";
