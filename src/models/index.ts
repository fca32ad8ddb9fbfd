/** The model zoo: ready-made architectures built from nn. */
export { mlp } from "./mlp.js";
export type { MlpOptions } from "./mlp.js";
