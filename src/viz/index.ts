/** strata/viz: what a person looks at — here, t-SNE maps of learned codes. */
export { tsne } from "./tsne.js";
export type { TsneResult } from "./tsne.js";
export type { TsneMethod, TsneOptions } from "./tsne-options.js";
