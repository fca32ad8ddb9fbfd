/** Hyper-parameter search: declared spaces, seeded sampling, successive halving. */
export { choice, describeParam, extremes, intUniform, logUniform, sampleConfig, sampleParam, uniform } from "./space.js";
export type { Config, Distribution, Param, ParamValue, SearchSpace } from "./space.js";
export { parseSpace } from "./space-syntax.js";
export { keptCount, promoted, ranked, rungEpochs } from "./halving.js";
export type { RungScore } from "./halving.js";
