/** Optimising the input: class-model visualisation and adversarial (fast gradient sign) examples. */
export { classModel } from "./class-model.js";
export type { ClassModel, ClassModelOptions } from "./class-model.js";
export { fgsm, iterativeFgsm } from "./fgsm.js";
export type { AdversarialResult, FgsmOptions, IterativeFgsmOptions } from "./fgsm.js";
export { adversarialTable } from "./adversarial-table.js";
export type { AdversarialRow, AdversarialTableOptions } from "./adversarial-table.js";
export { gaussianBlur } from "./gaussian-blur.js";
export type { Classifier } from "../class-scores.js";
