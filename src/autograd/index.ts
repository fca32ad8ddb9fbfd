export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from "./mode.js";
export { backward, grad } from "./engine.js";
export { gradientAndHessianVector, hessianVectorFromGradients, hessianVectorProduct } from "./hessian-vector.js";
export type { BackwardOptions, GradOptions } from "./engine.js";
export { gradcheck, GradcheckError } from "./gradcheck.js";
export type { GradcheckOptions, GradcheckMismatch } from "./gradcheck.js";
export { record } from "./record.js";
export { detectAnomaly, setDetectAnomaly, isAnomalyEnabled, AnomalyError } from "./anomaly.js";
