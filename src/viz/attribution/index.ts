/** Attribution: which input pixels a classifier's decision rests on (saliency, guided backprop, deconvnet, occlusion). */
export { saliency, guidedBackprop } from "./saliency.js";
export type { ChannelReduction, GradientMapOptions } from "./saliency.js";
export { deconvnet } from "./deconvnet.js";
export type { DeconvnetOptions } from "./deconvnet.js";
export { occlusion } from "./occlusion.js";
export type { OcclusionMaps, OcclusionOptions } from "./occlusion.js";
export type { Classifier } from "../class-scores.js";
