export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from "./mode.js";
export { backward } from "./engine.js";
export type { BackwardOptions } from "./engine.js";
export { gradcheck, GradcheckError } from "./gradcheck.js";
export type { GradcheckOptions, GradcheckMismatch } from "./gradcheck.js";
export { record } from "./record.js";
